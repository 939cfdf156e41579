package dev.artistenricher.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the top-level {@code id} of an artist object without building a tree of it. */
final class ArtistIds {

    private static final JsonFactory JSON = new JsonFactory();

    private ArtistIds() {
    }

    static String idOf(String artistJson) {
        try (JsonParser p = JSON.createParser(artistJson)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an artist is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
            throw new IllegalArgumentException("an artist without an id");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
