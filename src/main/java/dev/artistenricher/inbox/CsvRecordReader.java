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
 * {@code spotify_id}, {@code uri} or {@code url} (any case); without one, a column named
 * {@code name}, {@code artist} or {@code artist_name} holds artist names; else the first column
 * holds IDs.
 */
final class CsvRecordReader implements RecordReader {

    private static final List<String> ID_COLUMNS = List.of("id", "artist_id", "spotify_id", "uri", "url");
    private static final List<String> NAME_COLUMNS = List.of("name", "artist", "artist_name");
    private static final CsvMapper CSV = new CsvMapper();

    private final MappingIterator<String[]> rows;
    private int idColumn = -1;
    private boolean namesColumn;
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
                String[] header = rows.nextValue();
                idColumn = columnOf(header, ID_COLUMNS);
                if (idColumn < 0) {
                    idColumn = columnOf(header, NAME_COLUMNS);
                    namesColumn = idColumn >= 0;
                    idColumn = Math.max(0, idColumn);
                }
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
            return namesColumn ? InputRecord.name(line, row[idColumn]) : InputRecord.of(line, row[idColumn]);
        } catch (JsonProcessingException e) {
            throw new InputFileException("not valid CSV at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The first column named one of {@code names} (in their order of preference), or -1. */
    private static int columnOf(String[] header, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < header.length; i++) {
                if (ArtistIdParser.strip(header[i]).toLowerCase(Locale.ROOT).equals(name)) {
                    return i;
                }
            }
        }
        return -1;
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
