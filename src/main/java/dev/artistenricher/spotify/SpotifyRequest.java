package dev.artistenricher.spotify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One request of the enrich route: {@code GET /artists?ids=a,b,c} for several IDs,
 * {@code GET /artists/{id}} for a single one, {@code GET /search?type=artist&q=<name>&limit=N} for an
 * artist name. It lives (as the exchange property
 * {@code spotifyRequest}) until Spotify has answered it for good, so that a 429, a 401 and Camel's
 * redeliveries send the very same request again, and it counts the HTTP calls that took.
 */
public final class SpotifyRequest {

    /** The answer header naming the version of an answer. */
    public static final String ETAG = "ETag";
    /** The request header asking for a 304 while the answer is still that version. */
    public static final String IF_NONE_MATCH = "If-None-Match";

    private final List<String> ids;
    private final boolean single;
    /** The artist name searched for; null for an artists request. */
    private final String name;
    private final int limit;
    private int calls;
    /** Whether the request offers the ETag of its stored answer (scheduled rounds), asking for a 304. */
    private volatile boolean revalidate;
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
        this.name = null;
        this.limit = 0;
    }

    private SpotifyRequest(String name, int limit) {
        this.ids = List.of();
        this.single = false;
        this.name = name;
        this.limit = limit;
    }

    public static SpotifyRequest several(List<String> ids) {
        return new SpotifyRequest(ids, false);
    }

    public static SpotifyRequest single(String id) {
        return new SpotifyRequest(List.of(id), true);
    }

    /**
     * {@code GET /search?type=artist&q=<name>&limit=<limit>}: the name is sent as written (Spotify
     * ranks by its own matching), URL-encoded.
     */
    public static SpotifyRequest search(String name, int limit) {
        return new SpotifyRequest(java.util.Objects.requireNonNull(name), limit);
    }

    /**
     * Makes an artists request offer its stored answer's ETag ({@code If-None-Match}): a 304 then
     * reuses the stored artists. Searches are always sent afresh.
     */
    public SpotifyRequest revalidating() {
        this.revalidate = name == null;
        return this;
    }

    public boolean revalidates() {
        return revalidate;
    }

    /** A 304 whose stored artists are gone: the request is sent again without {@code If-None-Match}. */
    public void stopRevalidating() {
        this.revalidate = false;
    }

    /** What the ETag of this request's answer is stored under: its path and query (the same IDs in the same order). */
    public String answerKey() {
        return httpPath() + "?" + httpQuery();
    }

    /** The IDs asked for; none for a search. */
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

    /** {@code /search} for an artist name rather than {@code /artists}. */
    public boolean isSearch() {
        return name != null;
    }

    /** The artist name of a search. */
    public String searchName() {
        if (name == null) {
            throw new IllegalStateException("not a search");
        }
        return name;
    }

    /** {@code /artists/{id}} rather than {@code /artists?ids=}. */
    public boolean isSingle() {
        return single;
    }

    /**
     * The {@code CamelHttpPath} below the endpoint ({@code {{spotify.api-url}}/artists} or
     * {@code /search}): {@code /<id>}, or "" for the batch endpoint and a search.
     */
    public String httpPath() {
        return single ? "/" + ids.get(0) : "";
    }

    /** The {@code CamelHttpQuery}: {@code ids=a,b,c}, {@code type=artist&q=...&limit=N}, or "" for a single artist. */
    public String httpQuery() {
        if (name != null) {
            return "type=artist&q=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "&limit=" + limit;
        }
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
        if (name != null) {
            return "GET /search?type=artist (" + name.length() + " characters)";
        }
        return (single ? "GET /artists/" + ids.get(0) : "GET /artists?ids=<" + ids.size() + " IDs>");
    }
}
