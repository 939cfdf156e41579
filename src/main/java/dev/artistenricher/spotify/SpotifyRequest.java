package dev.artistenricher.spotify;

import java.time.Instant;
import java.util.List;

/**
 * One request for artists, as the enrich route sends it: {@code GET /artists?ids=a,b,c} for
 * several IDs, {@code GET /artists/{id}} for a single one. It lives (as the exchange property
 * {@code spotifyRequest}) until Spotify has answered it for good, so that a 429, a 401 and Camel's
 * redeliveries send the very same request again, and it counts the HTTP calls that took.
 */
public final class SpotifyRequest {

    private final List<String> ids;
    private final boolean single;
    private int calls;
    private boolean tokenRenewed;
    private Instant firstFailureAt;

    private SpotifyRequest(List<String> ids, boolean single) {
        // the parser already guarantees it; this is the last line of defence before a URL is built
        for (String id : ids) {
            if (!ArtistIdParser.isWellFormedId(id)) {
                throw new IllegalArgumentException("not a well-formed artist ID");
            }
        }
        this.ids = List.copyOf(ids);
        this.single = single;
    }

    public static SpotifyRequest several(List<String> ids) {
        return new SpotifyRequest(ids, false);
    }

    public static SpotifyRequest single(String id) {
        return new SpotifyRequest(List.of(id), true);
    }

    public List<String> ids() {
        return ids;
    }

    /** The ID of a single-artist request. */
    public String singleId() {
        if (!single) {
            throw new IllegalStateException("not a single-artist request");
        }
        return ids.get(0);
    }

    /** {@code /artists/{id}} rather than {@code /artists?ids=}. */
    public boolean isSingle() {
        return single;
    }

    /** The {@code CamelHttpPath} below {@code {{spotify.api-url}}/artists}: {@code /<id>}, or "" for the batch endpoint. */
    public String httpPath() {
        return single ? "/" + ids.get(0) : "";
    }

    /** The {@code CamelHttpQuery}: {@code ids=a,b,c}, or "" for a single artist. */
    public String httpQuery() {
        return single ? "" : "ids=" + String.join(",", ids);
    }

    /** Called as each HTTP call of this request leaves. */
    void sent() {
        calls++;
    }

    public int calls() {
        return calls;
    }

    /**
     * After a 401: true the first time (renew the token and send it again), false after that
     * (a second refusal is a failure like a 5xx, retried with back-off).
     */
    public boolean renewTokenOnce() {
        if (tokenRenewed) {
            return false;
        }
        tokenRenewed = true;
        return true;
    }

    /** When this request first failed (for {@code enricher.retry.give-up-after}); set on the first call. */
    Instant firstFailureAt(Instant now) {
        if (firstFailureAt == null) {
            firstFailureAt = now;
        }
        return firstFailureAt;
    }

    @Override
    public String toString() {
        return (single ? "GET /artists/" + ids.get(0) : "GET /artists?ids=<" + ids.size() + " IDs>");
    }
}
