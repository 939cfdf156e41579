package dev.artistenricher.inbox;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

/** Chooses the reader for an input file by its ending ({@code .txt}, {@code .csv}, {@code .json}, {@code .jsonl}). */
public final class RecordReaders {

    private RecordReaders() {
    }

    public static RecordReader open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Reader text = TextInput.open(file);
        try {
            if (name.endsWith(".csv")) {
                return new CsvRecordReader(text);
            }
            if (name.endsWith(".jsonl")) {
                return new JsonLinesRecordReader(text);
            }
            if (name.endsWith(".json")) {
                return new JsonArrayRecordReader(text);
            }
            return new LineRecordReader(text);
        } catch (IOException | RuntimeException e) {
            text.close();
            throw e;
        }
    }
}
