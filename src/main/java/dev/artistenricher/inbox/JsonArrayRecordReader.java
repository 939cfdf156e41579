package dev.artistenricher.inbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;

/** A {@code .json} file: one top-level array of strings or objects with an {@code id}, read as a stream. */
final class JsonArrayRecordReader implements RecordReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonParser parser;
    private long records;
    private boolean started;

    JsonArrayRecordReader(Reader reader) throws IOException {
        this.parser = JSON.getFactory().createParser(reader);
    }

    @Override
    public InputRecord next() throws IOException {
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new InputFileException("not a JSON array of artist IDs");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.END_ARRAY) {
                return null;
            }
            long line = parser.currentTokenLocation().getLineNr();
            records++;
            JsonNode node = parser.readValueAsTree();
            String raw = node.isTextual() ? node.asText() : JSON.writeValueAsString(node);
            return JsonCandidates.toRecord(line, raw, node);
        } catch (JsonProcessingException e) {
            throw new InputFileException("not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public long linesRead() {
        return records;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
