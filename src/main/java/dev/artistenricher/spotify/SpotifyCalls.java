package dev.artistenricher.spotify;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discipline of every call to the Web API, as steps of {@code routes/enrich.camel.yaml}: a call
 * waits for its turn (one of {@code enricher.concurrency} calls in flight, the {@link RateLimitGate},
 * a token valid for the whole trip); what the next call must know is settled before its turn
 * passes on (a 429 closes the gate, a 401 replaces the refused token: a call queued behind would
 * otherwise leave during {@code Retry-After}, or with the refused token); the turn ends in the
 * route's {@code doFinally}, whatever happened.
 */
public final class SpotifyCalls {

    /** The exchange property holding the current call's {@link Turn}. */
    public static final String TURN = "spotifyTurn";
    /** The exchange property holding the {@link SpotifyRequest} being sent. */
    public static final String REQUEST = "spotifyRequest";

    private static final Logger LOG = LoggerFactory.getLogger(SpotifyCalls.class);
    /** Spotify always sends Retry-After with a 429; if a proxy dropped it, this is waited. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    private final Semaphore inFlight;
    private final RateLimitGate gate;
    private final AccessTokenProvider tokens;
    private final ApiStats stats;
    private final Duration maxInlineWait;
    private final Duration giveUpAfter;
    private final Clock clock;

    public SpotifyCalls(int concurrency, RateLimitGate gate, AccessTokenProvider tokens, ApiStats stats,
            Duration maxInlineWait, Duration giveUpAfter, Clock clock) {
        this.inFlight = new Semaphore(concurrency, true);
        this.gate = gate;
        this.tokens = tokens;
        this.stats = stats;
        this.maxInlineWait = maxInlineWait;
        this.giveUpAfter = giveUpAfter;
        this.clock = clock;
    }

    /** One call's turn: whether it probes after a rate-limit block, which token it carries, when it left. */
    public static final class Turn {
        private final boolean probe;
        private final long tokenSerial;
        private final long sentAtNanos = System.nanoTime();
        private boolean gateTold;

        Turn(boolean probe, long tokenSerial) {
            this.probe = probe;
            this.tokenSerial = tokenSerial;
        }

        long elapsedNanos() {
            return System.nanoTime() - sentAtNanos;
        }
    }

    /** The request's target below {@code {{spotify.api-url}}/artists}, as camel-http's path and query headers. */
    public void target(@ExchangeProperty(REQUEST) SpotifyRequest request, Message message) {
        message.setHeader(Exchange.HTTP_PATH, request.httpPath());
        message.setHeader(Exchange.HTTP_QUERY, request.httpQuery());
    }

    /**
     * Waits until the request may leave: a permit, the gate open (or this call the probe), a usable
     * token. A wait above {@code enricher.max-inline-wait} parks the work instead.
     */
    public void awaitTurn(@ExchangeProperty(REQUEST) SpotifyRequest request, Exchange exchange)
            throws InterruptedException, RateLimitParkedException {
        inFlight.acquire();
        try {
            // the gate and the token are checked once this call may leave, not before it queued for
            // its turn: a 429 or a renewal that happened meanwhile counts
            boolean probe = gate.awaitTurn(maxInlineWait);
            long tokenSerial = tokens.awaitUsableToken();
            request.sent();
            exchange.setProperty(TURN, new Turn(probe, tokenSerial));
        } catch (InterruptedException | RateLimitParkedException | RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    /** Spotify answered: settles what the next call must know, while this call still holds its turn. */
    public void answered(@ExchangeProperty(TURN) Turn turn, @Header(Exchange.HTTP_RESPONSE_CODE) int status,
            @Header("Retry-After") String retryAfter) throws InterruptedException {
        stats.recordCall(Integer.toString(status), turn.elapsedNanos());
        turn.gateTold = true;
        if (status == 429) {
            Duration wait = retryAfter(retryAfter);
            stats.recordRateLimited(wait.toMillis());
            gate.refused(turn.probe, wait);
            return;
        }
        gate.passed(turn.probe, true);
        if (status == 401) {
            tokens.renewAfterRejection(turn.tokenSerial);
        }
    }

    /** No answer at all: connection refused or reset, timeout. Counted, then retried by redelivery. */
    public void noAnswer(@ExchangeProperty(TURN) Turn turn, Exchange exchange) throws SpotifyCallFailedException {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean timeout = e instanceof InterruptedIOException;
        stats.recordCall(timeout ? "timeout" : "io_error", turn.elapsedNanos());
        throw new SpotifyCallFailedException((timeout ? "timeout: " : "connection failed: ") + describe(e), e);
    }

    /** The {@code doFinally} of every call: the turn passes on. */
    public void release(@ExchangeProperty(TURN) Turn turn, Exchange exchange) {
        if (turn == null) {
            return;
        }
        if (!turn.gateTold) {
            gate.passed(turn.probe, false);
        }
        exchange.removeProperty(TURN);
        inFlight.release();
    }

    /**
     * A 429 (the gate was closed for its Retry-After by {@link #answered}): a wait up to
     * {@code enricher.max-inline-wait} is waited out by the next turn; a longer one (the
     * Development Mode quota's hours) parks the work.
     */
    public void rateLimited(SpotifyErrorMessage error) throws RateLimitParkedException {
        Duration wait = Duration.between(clock.instant(), gate.openAt());
        if (wait.compareTo(maxInlineWait) > 0) {
            throw new RateLimitParkedException(gate.openAt(), error.reason());
        }
        LOG.info("Spotify rate limit: holding all API calls for {} s (Retry-After{})", wait.toSeconds(),
                error.reason().isEmpty() ? "" : ", " + error.reason());
    }

    /**
     * A 401 (the refused token was replaced already): the first one is sent again at once, a
     * second one is a failure like a 5xx.
     */
    public void tokenRefused(@ExchangeProperty(REQUEST) SpotifyRequest request, SpotifyErrorMessage error)
            throws SpotifyCallFailedException {
        if (!request.renewTokenOnce()) {
            throw new SpotifyCallFailedException(error.toString());
        }
    }

    /** Any other answer that is no decision: 5xx and the like. */
    public void failed(SpotifyErrorMessage error) throws SpotifyCallFailedException {
        throw new SpotifyCallFailedException(error.toString());
    }

    /** The {@code retryWhile} of the redelivery: until {@code enricher.retry.give-up-after} after the first failure. */
    public boolean withinGiveUpAfter(@ExchangeProperty(REQUEST) SpotifyRequest request) {
        java.time.Instant now = clock.instant();
        return now.isBefore(request.firstFailureAt(now).plus(giveUpAfter));
    }

    private static Duration retryAfter(String header) {
        if (header != null && header.strip().matches("\\d{1,9}")) {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
        }
        return DEFAULT_RETRY_AFTER;
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "no answer";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
