package dev.artistenricher.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serializes an {@link Artist} to compact JSON with exactly the field order of the Spotify Web API.
 *
 * <p>Written with a streaming generator rather than data binding so that the field order is
 * explicit here and not an accident of annotations or property sorting.
 */
final class ArtistJsonWriter {

    /** Public host used in {@code href}: never the emulator's own address, so output is identical across instances. */
    static final String API_BASE = "https://api.spotify.com/v1/artists/";
    static final String OPEN_BASE = "https://open.spotify.com/artist/";

    private static final JsonFactory JSON = new JsonFactory();

    private ArtistJsonWriter() {
    }

    /**
     * @param developmentMode if true, omit {@code followers}, {@code genres} and {@code popularity}
     *                        (keys absent, not null), as Spotify does for Development Mode apps
     */
    static byte[] toJson(Artist artist, boolean developmentMode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("external_urls");
            g.writeStringField("spotify", OPEN_BASE + artist.id());
            g.writeEndObject();
            if (!developmentMode) {
                g.writeObjectFieldStart("followers");
                g.writeNullField("href");
                g.writeNumberField("total", artist.followers());
                g.writeEndObject();
                g.writeArrayFieldStart("genres");
                for (String genre : artist.genres()) {
                    g.writeString(genre);
                }
                g.writeEndArray();
            }
            g.writeStringField("href", API_BASE + artist.id());
            g.writeStringField("id", artist.id());
            g.writeArrayFieldStart("images");
            for (Artist.Image image : artist.images()) {
                g.writeStartObject();
                g.writeStringField("url", image.url());
                g.writeNumberField("height", image.height());
                g.writeNumberField("width", image.width());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("name", artist.name());
            if (!developmentMode) {
                g.writeNumberField("popularity", artist.popularity());
            }
            g.writeStringField("type", "artist");
            g.writeStringField("uri", "spotify:artist:" + artist.id());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize artist " + artist.id(), e);
        }
        return out.toByteArray();
    }
}
