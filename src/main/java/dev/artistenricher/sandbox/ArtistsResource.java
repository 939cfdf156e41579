package dev.artistenricher.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The artist endpoints proper: validation, lookup (catalog, then synthetic) and response bodies.
 * Reached only by calls that passed authentication, throttling and fault injection.
 */
final class ArtistsResource {

    /** An answer to send; {@code etag} is null when there is none. */
    record Answer(int status, byte[] body, String etag) {
    }

    static final int MAX_IDS = 50;

    private static final byte[] BATCH_PREFIX = "{\"artists\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private final Catalog catalog;
    private final EmulatorControls controls;
    private final EmulatorStats stats;

    ArtistsResource(Catalog catalog, EmulatorControls controls, EmulatorStats stats) {
        this.catalog = catalog;
        this.controls = controls;
        this.stats = stats;
    }

    /**
     * {@code GET /v1/artists?ids=...}: artists in request order, duplicates repeated, null for unknown
     * IDs; with an ETag of the whole answer, and 304 when {@code If-None-Match} holds it.
     */
    Answer batch(List<String> ids, String ifNoneMatch) {
        if (controls.developmentMode()) {
            return error(403, "Forbidden"); // Development Mode apps lost the batch endpoints
        }
        if (ids == null) {
            return error(400, "invalid request");
        }
        if (ids.size() > MAX_IDS) {
            return error(400, "too many ids requested");
        }
        for (String id : ids) {
            if (!SpotifyIds.isWellFormed(id)) {
                return error(400, "invalid id");
            }
        }
        boolean synthetic = controls.syntheticCatalog();
        byte[][] artists = new byte[ids.size()][];
        int length = BATCH_PREFIX.length + BATCH_SUFFIX.length + Math.max(0, ids.size() - 1);
        for (int i = 0; i < artists.length; i++) {
            byte[] json = lookup(ids.get(i), false, synthetic);
            artists[i] = json == null ? NULL : json;
            length += artists[i].length;
        }
        byte[] body = concatenate(artists, length);
        String etag = ETags.of(body);
        if (ETags.matches(ifNoneMatch, etag)) {
            return new Answer(304, EMPTY, etag); // the client's copy is current: nothing served
        }
        int found = 0;
        for (int i = 0; i < artists.length; i++) {
            if (artists[i] != NULL) {
                stats.served(ids.get(i));
                found++;
            }
        }
        controls.quota().recordServed(found);
        return new Answer(200, body, etag);
    }

    /** {@code GET /v1/artists/{id}}, honouring {@code If-None-Match}. */
    Answer single(String id, String ifNoneMatch) {
        if (!SpotifyIds.isWellFormed(id)) {
            return error(400, "invalid id");
        }
        byte[] json = lookup(id, controls.developmentMode(), controls.syntheticCatalog());
        if (json == null) {
            return error(404, "non existing id");
        }
        String etag = ETags.of(json);
        if (ETags.matches(ifNoneMatch, etag)) {
            return new Answer(304, EMPTY, etag); // client's copy is current: nothing served
        }
        stats.served(id);
        controls.quota().recordServed(1);
        return new Answer(200, json, etag);
    }

    /** Answer for paths and methods the emulator does not serve. */
    Answer unsupported(ApiRoute.Kind kind) {
        return kind == ApiRoute.Kind.METHOD_NOT_ALLOWED ? error(405, "Method not allowed") : error(404, "Service not found");
    }

    private byte[] lookup(String id, boolean developmentMode, boolean synthetic) {
        java.util.function.UnaryOperator<Artist> change = controls.artistChange(id);
        if (change != null) {
            Artist artist = catalog.artist(id);
            if (artist == null && synthetic) {
                artist = SyntheticArtists.generate(id);
            }
            return artist == null ? null : ArtistJsonWriter.toJson(change.apply(artist), developmentMode);
        }
        byte[] json = catalog.sharedArtistJson(id, developmentMode);
        if (json == null && synthetic) {
            json = SyntheticArtists.json(id, developmentMode);
        }
        return json;
    }

    private static byte[] concatenate(byte[][] artists, int length) {
        byte[] body = new byte[length];
        System.arraycopy(BATCH_PREFIX, 0, body, 0, BATCH_PREFIX.length);
        int at = BATCH_PREFIX.length;
        for (int i = 0; i < artists.length; i++) {
            if (i > 0) {
                body[at++] = ',';
            }
            System.arraycopy(artists[i], 0, body, at, artists[i].length);
            at += artists[i].length;
        }
        System.arraycopy(BATCH_SUFFIX, 0, body, at, BATCH_SUFFIX.length);
        return body;
    }

    private static Answer error(int status, String message) {
        return new Answer(status, SpotifyErrors.api(status, message), null);
    }
}
