package dev.artistenricher.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The artists the emulator knows, each pre-serialized once to compact JSON.
 *
 * <p>Serializing per request would make the emulator the bottleneck of benchmarks, so both
 * variants (full and Development Mode) are rendered at load time and served as byte arrays.
 * Immutable after construction, hence safe to share between handler threads.
 */
public final class Catalog {

    /** Classpath location of the bundled catalog. */
    public static final String BUNDLED_RESOURCE = "/artist-enricher/sandbox/catalog.json";

    private final List<String> ids;
    /** The artists in catalog order, for search. */
    private final List<Artist> artists;
    private final Map<String, Artist> byId;
    private final Map<String, byte[]> fullJson;
    private final Map<String, byte[]> developmentModeJson;

    private Catalog(List<Artist> artists) {
        List<String> order = new ArrayList<>(artists.size());
        List<Artist> distinct = new ArrayList<>(artists.size());
        Map<String, byte[]> full = new HashMap<>(artists.size() * 2);
        Map<String, byte[]> dev = new HashMap<>(artists.size() * 2);
        for (Artist artist : artists) {
            if (full.put(artist.id(), ArtistJsonWriter.toJson(artist, false)) == null) {
                order.add(artist.id());
                distinct.add(artist);
            }
            dev.put(artist.id(), ArtistJsonWriter.toJson(artist, true));
        }
        this.ids = Collections.unmodifiableList(order);
        this.artists = List.copyOf(distinct);
        Map<String, Artist> index = new HashMap<>(distinct.size() * 2);
        distinct.forEach(artist -> index.put(artist.id(), artist));
        this.byId = Map.copyOf(index);
        this.fullJson = Map.copyOf(full);
        this.developmentModeJson = Map.copyOf(dev);
    }

    /**
     * The artists of {@value #BUNDLED_RESOURCE} on the classpath. Loaded once per JVM and shared:
     * the catalog is immutable, and benchmarks may start many emulators.
     *
     * @throws UncheckedIOException if the resource is missing or not a JSON array of artists
     */
    public static Catalog bundled() {
        return Bundled.INSTANCE;
    }

    /** Lazy holder: the JVM guarantees thread-safe, one-time initialization. */
    private static final class Bundled {
        static final Catalog INSTANCE = load();
    }

    private static Catalog load() {
        try (InputStream in = Catalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("classpath resource " + BUNDLED_RESOURCE + " not found"));
            }
            return fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED_RESOURCE, e);
        }
    }

    /** Parses a JSON array of full Spotify artist objects (the format of the bundled catalog). */
    static Catalog fromJson(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !root.isArray()) {
            throw new IOException("catalog must be a JSON array of artist objects");
        }
        List<Artist> artists = new ArrayList<>(root.size());
        for (JsonNode node : root) {
            artists.add(toArtist(node));
        }
        return new Catalog(artists);
    }

    private static Artist toArtist(JsonNode node) throws IOException {
        String id = node.path("id").asText();
        if (!SpotifyIds.isWellFormed(id)) {
            throw new IOException("catalog entry with malformed id: " + id);
        }
        List<String> genres = new ArrayList<>();
        node.path("genres").forEach(genre -> genres.add(genre.asText()));
        List<Artist.Image> images = new ArrayList<>();
        node.path("images").forEach(image -> images.add(new Artist.Image(
                image.path("url").asText(), image.path("height").asInt(), image.path("width").asInt())));
        return new Artist(id, node.path("name").asText(), genres, node.path("popularity").asInt(),
                node.path("followers").path("total").asLong(), images);
    }

    /** Number of artists. */
    public int size() {
        return ids.size();
    }

    /** All artist IDs in catalog order (unmodifiable). */
    public List<String> ids() {
        return ids;
    }

    /** Every artist, in catalog order (what {@code /v1/search} looks through). */
    List<Artist> artists() {
        return artists;
    }

    /** The catalog's artist with this ID, or null. */
    Artist artist(String id) {
        return byId.get(id);
    }

    /** True if the catalog holds an artist with this ID. */
    public boolean contains(String id) {
        return fullJson.containsKey(id);
    }

    /**
     * Compact JSON of one artist, exactly as the Web API renders it.
     *
     * @param developmentMode true for the Development Mode variant without followers, popularity, genres
     * @return a fresh copy of the bytes, or empty if the ID is not in the catalog (synthetic artists
     *         are the emulator's business, not the catalog's)
     */
    public Optional<byte[]> artistJson(String id, boolean developmentMode) {
        byte[] json = sharedArtistJson(id, developmentMode);
        return json == null ? Optional.empty() : Optional.of(json.clone());
    }

    /** Like {@link #artistJson} but returns the shared array without copying; callers must not modify it. */
    byte[] sharedArtistJson(String id, boolean developmentMode) {
        return (developmentMode ? developmentModeJson : fullJson).get(id);
    }
}
