package dev.artistenricher.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import dev.artistenricher.spotify.ArtistIdParser;
import java.util.Locale;

/**
 * A CSV file with a header row. The ID column is the first one named {@code id}, {@code artist_id},
 * {@code spotify_id}, {@code uri} or {@code url} (any case), else the first column.
 */
final class CsvRecordReader implements RecordReader {

    private static final List<String> ID_COLUMNS = List.of("id", "artist_id", "spotify_id", "uri", "url");
    private static final CsvMapper CSV = new CsvMapper();

    private final MappingIterator<String[]> rows;
    private int idColumn = -1;
    private long records;

    CsvRecordReader(Reader reader) throws IOException {
        this.rows = CSV.readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(reader);
    }

    @Override
    public InputRecord next() throws IOException {
        try {
            if (idColumn < 0) {
                if (!rows.hasNextValue()) {
                    return null;
                }
                records++;
                idColumn = idColumnOf(rows.nextValue());
            }
            if (!rows.hasNextValue()) {
                return null;
            }
            String[] row = rows.nextValue();
            // after a row is read, the token location is the line the row started on (quoted
            // cells may span lines, so counting rows would not do)
            long line = rows.getParser().currentTokenLocation().getLineNr();
            records++;
            if (idColumn >= row.length) {
                return InputRecord.unreadable(line, String.join(",", row), "row has no column " + (idColumn + 1));
            }
            return InputRecord.of(line, row[idColumn]);
        } catch (JsonProcessingException e) {
            throw new InputFileException("not valid CSV at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static int idColumnOf(String[] header) {
        for (String name : ID_COLUMNS) {
            for (int i = 0; i < header.length; i++) {
                if (ArtistIdParser.strip(header[i]).toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
        }
        return 0;
    }

    @Override
    public long linesRead() {
        return records;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
