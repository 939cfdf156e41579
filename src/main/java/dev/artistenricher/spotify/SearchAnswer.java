package dev.artistenricher.spotify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The artists of a 200 answer of {@code GET /search?type=artist}
 * ({@code {"artists": {"href", "items": [...], ...}}}), in Spotify's order, each cut out as the bytes
 * Spotify sent minus the whitespace between tokens, like {@link ArtistsAnswer}. The same list kept in
 * the store is a JSON array of those objects ({@link #toArray}, {@link #ofArray}).
 */
public final class SearchAnswer {

    /** The items of the answer; a {@code null} item (Spotify has sent some in search pages) is left out. */
    public List<byte[]> artists(byte[] body) throws SpotifyCallFailedException {
        try (JsonParser parser = ArtistsAnswer.FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            List<byte[]> items = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean artists = "artists".equals(parser.currentName());
                if (parser.nextToken() == JsonToken.START_OBJECT && artists) {
                    items = pageItems(parser, body);
                } else {
                    parser.skipChildren();
                }
            }
            if (items == null) {
                throw new IOException("no artists page in the answer");
            }
            return items;
        } catch (IOException e) {
            throw new SpotifyCallFailedException("unreadable search answer: " + e.getMessage(), e);
        }
    }

    /** The items of a page object the parser stands at the start of. */
    private static List<byte[]> pageItems(JsonParser parser, byte[] body) throws IOException {
        List<byte[]> items = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isItems = "items".equals(parser.currentName());
            if (parser.nextToken() == JsonToken.START_ARRAY && isItems) {
                readObjects(parser, body, items);
            } else {
                parser.skipChildren();
            }
        }
        return items;
    }

    private static void readObjects(JsonParser parser, byte[] body, List<byte[]> into) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.VALUE_NULL) {
                into.add(ArtistsAnswer.objectBytes(parser, body));
            }
        }
    }

    /** The top-level {@code id} of an artist object, or "" when it has none. */
    public static String artistId(byte[] artist) {
        try (JsonParser parser = ArtistsAnswer.FACTORY.createParser(artist)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean id = "id".equals(parser.currentName());
                    JsonToken value = parser.nextToken();
                    if (id && value == JsonToken.VALUE_STRING) {
                        return parser.getText();
                    }
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // not an artist object: no ID
        }
        return "";
    }

    /** The artists as one JSON array, as the store keeps a search answer. */
    public static byte[] toArray(List<byte[]> artists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < artists.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(artists.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /** The artists of a JSON array written by {@link #toArray}. */
    public static List<byte[]> ofArray(byte[] array) {
        List<byte[]> artists = new ArrayList<>();
        try (JsonParser parser = ArtistsAnswer.FACTORY.createParser(array)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a JSON array");
            }
            readObjects(parser, array, artists);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("a stored search answer is unreadable", e);
        }
        return artists;
    }
}
