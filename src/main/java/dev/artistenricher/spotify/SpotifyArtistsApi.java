package dev.artistenricher.spotify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical request for artists: {@code GET /artists?ids=} or {@code GET /artists/{id}}.
 *
 * <p>What is the same for every request lives here: the rate-limit gate is passed before anything
 * leaves, a token valid for the whole trip is attached, at most {@code concurrency} requests are in
 * flight, a 429 closes the gate for its {@code Retry-After} and the same request goes again, and a
 * 401 renews the token once and retries once (whatever the message says: its text changed in 2026).
 * Everything else is reported as an {@link ApiAnswer} for the enricher to decide on.
 */
public final class SpotifyArtistsApi {

    private static final Logger LOG = LoggerFactory.getLogger(SpotifyArtistsApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * No buffer recycling: the answer is parsed from one byte array, so the parser's own buffers are
     * small. Jackson's default pool is per thread, and looking it up in a pool thread's crowded
     * thread-local map cost more than the parse (JFR, zero latency); a shared deque pool still cost
     * ~5 % of the CPU samples; allocating fresh buffers cost less than either.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.nonRecyclingPool()).build();
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final SpotifyHttp http;
    private final String apiUrl;
    private final AccessTokenProvider tokens;
    private final RateLimitGate gate;
    private final Semaphore inFlight;
    private final Duration timeout;
    private final ApiStats stats;
    private final Duration maxInlineWait;

    public SpotifyArtistsApi(SpotifyHttp http, URI apiUrl, AccessTokenProvider tokens, RateLimitGate gate,
            int concurrency, Duration timeout, Duration maxInlineWait, ApiStats stats) {
        this.http = http;
        this.apiUrl = apiUrl.toString();
        this.tokens = tokens;
        this.gate = gate;
        this.inFlight = new Semaphore(concurrency, true);
        this.timeout = timeout;
        this.stats = stats;
        this.maxInlineWait = maxInlineWait;
    }

    /** The answer and the number of HTTP requests it took (429 and 401 retries included). */
    public record Outcome(ApiAnswer answer, int calls) {
    }

    public Outcome several(List<String> ids) throws InterruptedException, RateLimitParkedException {
        ids.forEach(SpotifyArtistsApi::requireWellFormed);
        return exchange(URI.create(apiUrl + "/artists?ids=" + String.join(",", ids)), ids.size(), true);
    }

    public Outcome one(String id) throws InterruptedException, RateLimitParkedException {
        requireWellFormed(id);
        return exchange(URI.create(apiUrl + "/artists/" + id), 1, false);
    }

    private static void requireWellFormed(String id) {
        // the parser already guarantees it; this is the last line of defence before a URL is built
        if (!ArtistIdParser.isWellFormedId(id)) {
            throw new IllegalArgumentException("not a well-formed artist ID");
        }
    }

    private Outcome exchange(URI uri, int expected, boolean batch) throws InterruptedException, RateLimitParkedException {
        int calls = 0;
        boolean renewed = false;
        while (true) {
            SpotifyHttp.Response response;
            String token;
            long sentAt;
            Duration rateLimitWait = null;
            inFlight.acquire();
            try {
                // the gate and the token are checked once this call may leave, not before it queued
                // for its turn: a 429 or a renewal that happened meanwhile counts
                gate.awaitOpen(maxInlineWait);
                token = tokens.bearerToken();
                sentAt = System.nanoTime();
                calls++;
                try {
                    response = http.get(uri, "Bearer " + token);
                } catch (SocketTimeoutException e) {
                    stats.recordCall("timeout", System.nanoTime() - sentAt);
                    return new Outcome(new ApiAnswer.Failed("timeout after " + timeout.toMillis() + " ms"), calls);
                } catch (IOException e) {
                    stats.recordCall("io_error", System.nanoTime() - sentAt);
                    return new Outcome(new ApiAnswer.Failed("connection failed: " + TokenEndpointClient.describe(e)), calls);
                }
                // before the next call may take this one's turn, it must see the gate closed, or the
                // refused token replaced (a call queued behind this one would go out with it)
                if (response.status() == 429) {
                    rateLimitWait = retryAfter(response);
                    gate.closeFor(rateLimitWait);
                } else if (response.status() == 401 && !renewed) {
                    tokens.renewAfterRejection(token);
                }
            } finally {
                inFlight.release();
            }
            int status = response.status();
            stats.recordCall(Integer.toString(status), System.nanoTime() - sentAt);
            if (rateLimitWait != null) {
                stats.recordRateLimited(rateLimitWait.toMillis());
                String reason = quotaReason(response.body());
                if (rateLimitWait.compareTo(maxInlineWait) > 0) {
                    throw new RateLimitParkedException(gate.openAt(), reason);
                }
                LOG.info("Spotify rate limit: holding all API calls for {} s (Retry-After{})", rateLimitWait.toSeconds(),
                        reason.isEmpty() ? "" : ", " + reason);
                continue;
            }
            if (status == 401 && !renewed) {
                renewed = true;
                continue;
            }
            return new Outcome(interpret(status, response.body(), expected, batch), calls);
        }
    }

    private static ApiAnswer interpret(int status, byte[] body, int expected, boolean batch) {
        try {
            if (status == 200) {
                List<byte[]> artists = batch ? parseArtists(body) : List.of(singleArtist(body));
                if (artists.size() != expected) {
                    return new ApiAnswer.Failed("answer holds " + artists.size() + " artists for " + expected + " IDs");
                }
                return new ApiAnswer.Artists(artists);
            }
        } catch (IOException e) {
            return new ApiAnswer.Failed("unreadable answer: " + e.getMessage());
        }
        String message = "HTTP " + status + errorMessage(body);
        if (status == 404 && !batch) {
            return new ApiAnswer.NotFound();
        }
        if (status == 400) {
            return new ApiAnswer.BadRequest(message);
        }
        if (status == 403 && batch) {
            return new ApiAnswer.Forbidden(message);
        }
        return new ApiAnswer.Failed(message);
    }

    /**
     * Reads {@code {"artists":[...]}} as a stream and cuts each artist object out of the answer as
     * the bytes Spotify sent, minus the whitespace between tokens: no string is decoded and no
     * JSON is written anew on this path, which handles every artist of every call.
     */
    private static List<byte[]> parseArtists(byte[] body) throws IOException {
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
    private static byte[] objectBytes(JsonParser parser, byte[] body) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("an artist is not a JSON object");
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren(); // walks (and so checks) the object up to its closing brace
        int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
        return CompactJson.of(body, from, to);
    }

    private static String errorMessage(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Duration retryAfter(SpotifyHttp.Response response) {
        return Optional.ofNullable(response.retryAfter())
                .map(String::strip)
                .filter(v -> v.matches("\\d{1,9}"))
                .map(v -> Duration.ofSeconds(Math.max(1, Long.parseLong(v))))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    /** Spotify's {@code error.reason} of a 429 ({@code QUOTA_EXCEEDED} for the Development Mode quota), or "". */
    private static String quotaReason(byte[] body) {
        try {
            return JSON.readTree(body).path("error").path("reason").asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
