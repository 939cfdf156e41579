package dev.artistenricher.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.embed.EnrichAnswer;
import dev.artistenricher.spotify.RateLimitParkedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code POST /enrich} around {@code direct:artist-enricher} (routes/http-api.camel.yaml):
 * what is read from the request before its headers are dropped, the admission (key, body, parking,
 * places in flight), and the answers, each a JSON document with a status of its own.
 */
public final class HttpEnrich {

    /** Exchange property: what the request's headers said ({@link Call}), read before they are dropped. */
    public static final String CALL = "httpCall";
    /** Exchange property: true while the request holds a place in {@link InFlightLimit}. */
    public static final String PERMIT = "httpPermit";
    /** Seconds a saturated server asks a client to wait: a request usually takes well under that. */
    static final long SATURATED_RETRY_AFTER_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(HttpEnrich.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiKey apiKey;
    private final int maxIds;
    private final InFlightLimit inFlight;
    private final Supplier<Instant> parkedUntil;
    private final Clock clock;

    public HttpEnrich(ApiKey apiKey, int maxIds, InFlightLimit inFlight, Supplier<Instant> parkedUntil, Clock clock) {
        this.apiKey = apiKey;
        this.maxIds = maxIds;
        this.inFlight = inFlight;
        this.parkedUntil = parkedUntil;
        this.clock = clock;
    }

    /** What the request's headers said; the presented key is checked here and kept only as the verdict. */
    public record Call(String contentType, boolean keyAccepted) {
    }

    /** Reads the two headers that matter (Content-Type, X-API-Key); the route drops all of them next. */
    public Call request(Exchange exchange) {
        Message in = exchange.getMessage();
        return new Call(in.getHeader(Exchange.CONTENT_TYPE, String.class),
                apiKey.accepts(in.getHeader(ApiKey.HEADER, String.class)));
    }

    /**
     * Lets the request on to the enrichment, or refuses it: 401 wrong or missing key, 415 / 400 / 413
     * body, 503 while Spotify is parked on a quota (every request would meet the same wait), 429 when
     * {@code enricher.http.max-in-flight} requests are being enriched. The body becomes the IDs' text.
     */
    public void admit(@ExchangeProperty(CALL) Call call, Exchange exchange) throws HttpRefusal {
        if (!call.keyAccepted()) {
            throw HttpRefusal.of(401, "missing or wrong " + ApiKey.HEADER + " header");
        }
        String ids = IdsBody.read(call.contentType(), exchange.getMessage().getBody(byte[].class), maxIds);
        Instant until = parkedUntil.get();
        if (until != null) {
            throw parked(until);
        }
        if (!inFlight.tryEnter()) {
            throw HttpRefusal.retryAfter(429, "busy: " + inFlight.max() + " requests are being enriched"
                    + " (enricher.http.max-in-flight); retry later", SATURATED_RETRY_AFTER_SECONDS);
        }
        exchange.setProperty(PERMIT, Boolean.TRUE);
        exchange.getMessage().setBody(ids);
    }

    /**
     * 200 {@code {"artists": [...], "rejects": [...], "matches": [...]}}: the artists' JSON array as the
     * enrichment built it (Spotify's bytes, never parsed again), the rejects and the names' matches
     * from their headers.
     */
    public void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] document = EnrichAnswer.document(message.getBody(String.class),
                message.getHeader(EnrichAnswer.REJECTS_HEADER, String.class),
                message.getHeader(EnrichAnswer.MATCHES_HEADER, String.class));
        respond(message, 200, document, -1);
    }

    /** The answer of a refused request. */
    public void refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) HttpRefusal refusal, Exchange exchange) {
        respond(exchange.getMessage(), refusal.status(), error(refusal.getMessage()), refusal.retryAfterSeconds());
    }

    /**
     * Spotify announced a wait above {@code enricher.max-inline-wait} during this request: the
     * enrichment parked (the error handler of direct:artist-enricher told RateLimitParking), and the
     * caller learns when to come back. IDs answered before it are in the store: a retry costs only the rest.
     */
    public void parked(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, Exchange exchange) {
        HttpRefusal refusal = parked(untilOf(failure));
        respond(exchange.getMessage(), refusal.status(), error(refusal.getMessage()), refusal.retryAfterSeconds());
    }

    /** Anything else: 500 with a plain sentence; the cause goes to the log only, never to the client. */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, Exchange exchange) {
        LOG.warn("POST /enrich failed: {}", failure.toString());
        respond(exchange.getMessage(), 500, error("the enrichment failed; see the server log"), -1);
    }

    /** Gives the place in flight back, whatever happened. */
    public void release(@ExchangeProperty(PERMIT) Boolean held, Exchange exchange) {
        if (Boolean.TRUE.equals(held)) {
            exchange.removeProperty(PERMIT);
            inFlight.leave();
        }
    }

    private HttpRefusal parked(Instant until) {
        long seconds = (Duration.between(clock.instant(), until).toMillis() + 999) / 1000;
        return HttpRefusal.retryAfter(503, "Spotify rate limit: no calls until " + until, seconds);
    }

    private static Instant untilOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RateLimitParkedException parked) {
                return parked.until();
            }
        }
        throw new IllegalArgumentException("not a rate-limit parking", failure);
    }

    /** Only our headers go back: nothing of the request is echoed. */
    private static void respond(Message message, int status, byte[] body, long retryAfterSeconds) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (retryAfterSeconds > 0) {
            message.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        message.setBody(body);
    }

    static byte[] error(String text) {
        try {
            return JSON.writeValueAsBytes(Map.of("error", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
