package dev.artistenricher.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;

/** JSON Lines: each line a JSON string, or an object whose {@code id} field holds the ID. */
final class JsonLinesRecordReader extends LineRecordReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonLinesRecordReader(Reader reader) {
        super(reader);
    }

    @Override
    public InputRecord next() throws IOException {
        InputRecord record = super.next();
        if (record == null || record.problem() != null) {
            return record;
        }
        String text = record.text().strip();
        if (text.isEmpty() || text.startsWith("#") || text.equals("\uFEFF")) {
            return record;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return InputRecord.unreadable(record.line(), record.text(), "not valid JSON");
        }
        return JsonCandidates.toRecord(record.line(), record.text(), node);
    }
}
