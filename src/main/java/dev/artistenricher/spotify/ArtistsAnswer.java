package dev.artistenricher.spotify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ExchangeProperty;

/**
 * The artists of a 200 answer, one per requested ID in request order ({@code null} for an unknown
 * ID), each cut out of the answer as the bytes Spotify sent minus the whitespace between tokens
 * (SPEC: "exactly as the API returned it"): no string is decoded and no JSON is written anew on
 * this path, which handles every artist of every call. Measured against camel-jackson's
 * {@code unmarshal} to a tree and {@code marshal} back: see README, "How the routes fit together".
 */
public final class ArtistsAnswer {

    /**
     * No buffer recycling: the answer is parsed from one byte array, so the parser's own buffers are
     * small. Jackson's default pool is per thread, and looking it up in a pool thread's crowded
     * thread-local map cost more than the parse (JFR, zero latency).
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();

    public List<byte[]> artists(byte[] body, @ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request)
            throws SpotifyCallFailedException {
        List<byte[]> artists;
        try {
            artists = request.isSingle() ? List.of(singleArtist(body)) : severalArtists(body);
        } catch (IOException e) {
            throw new SpotifyCallFailedException("unreadable answer: " + e.getMessage(), e);
        }
        if (artists.size() != request.ids().size()) {
            throw new SpotifyCallFailedException("answer holds " + artists.size() + " artists for " + request.ids().size() + " IDs");
        }
        return artists;
    }

    /** {@code {"artists":[...]}}, read as a stream. */
    private static List<byte[]> severalArtists(byte[] body) throws IOException {
        List<byte[]> artists = new ArrayList<>(50);
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"artists".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    artists.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : objectBytes(parser, body));
                }
            }
        }
        return artists;
    }

    private static byte[] singleArtist(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return objectBytes(parser, body);
        }
    }

    /** The object the parser stands at the start of, as compact bytes; the parser ends on its last token. */
    static byte[] objectBytes(JsonParser parser, byte[] body) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("an artist is not a JSON object");
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren(); // walks (and so checks) the object up to its closing brace
        int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
        return CompactJson.of(body, from, to);
    }
}
