package dev.artistenricher.embed;

import dev.artistenricher.config.Durations;
import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.Enrichment;
import dev.artistenricher.enrich.Enrichments;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import dev.artistenricher.spotify.ArtistsAnswer;
import dev.artistenricher.spotify.Backoff;
import dev.artistenricher.spotify.BearerTokenAuthentication;
import dev.artistenricher.spotify.ClientCredentialsAuthentication;
import dev.artistenricher.spotify.RateLimitGate;
import dev.artistenricher.spotify.RateLimitParkedException;
import dev.artistenricher.spotify.SearchAnswer;
import dev.artistenricher.spotify.SpotifyCallFailedException;
import dev.artistenricher.spotify.SpotifyCalls;
import dev.artistenricher.spotify.SpotifyErrorMessage;
import dev.artistenricher.spotify.SpotifyHeaderFilter;
import dev.artistenricher.spotify.SpotifyRequest;
import dev.artistenricher.spotify.TokenRequestException;
import dev.artistenricher.spotify.TokenRoute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the Kamelet {@code spotify-artist-enrich-action}: its own access token, rate-limit
 * gate, in-flight limit and batch-endpoint decision, as the app has them, created per Kamelet
 * instance ({@code template.beans}, {@code #class:}) so that two instances with different
 * credentials never share a token or a gate. The Kamelet's steps call the methods below; each one
 * hands over to the class the app's own routes use for that step ({@link Enrichments},
 * {@link SpotifyCalls}, {@link ArtistStore}, {@link ArtistsAnswer}), so both behave alike.
 *
 * <p>A Kamelet runs with its caller's error handler, which may not redeliver at all: a failed call
 * is retried by the Kamelet's own loop instead ({@link #retryLater}), with the app's back-off and
 * give-up time. The access token is renewed ahead of expiry by a timer of this instance (the app
 * uses its Quartz route) and on a 401.
 *
 * <p>Started on first use and stopped with the Camel context. Artist stores are shared by folder
 * within the JVM ({@link SharedStores}): instances with other credentials read the same public data.
 */
public final class EnrichAction extends ServiceSupport implements CamelContextAware, HttpClientConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(EnrichAction.class);
    private static final Duration TOKEN_CHECK_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FIRST_TOKEN_WAIT = Duration.ofSeconds(60);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The exchange property holding the wait before a failed call is sent again. */
    static final String RETRY_DELAY = "artistEnricherRetryDelay";

    private CamelContext camelContext;
    private String clientId;
    private String clientSecret;
    private String tokenUrl = "https://accounts.spotify.com/api/token";
    private int batchSize = 50;
    private int concurrency = 4;
    private int searchLimit = 5;
    private String store = "data/store";
    private String cacheTtl = "24h";
    private String maxInlineWait = "60s";
    private String giveUpAfter = "15m";

    private final Clock clock = Clock.systemUTC();
    private AccessTokenProvider tokens;
    private BearerTokenAuthentication bearer;
    private SpotifyCalls calls;
    private Enrichments enrichments;
    private IdLists idLists;
    private ArtistStore artistStore;
    private HttpEndpoint tokenEndpoint;
    private ScheduledExecutorService renewal;
    private final ArtistsAnswer artistsAnswer = new ArtistsAnswer();
    private final SearchAnswer searchAnswer = new SearchAnswer();

    // --- the Kamelet's properties ---

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Results asked of each search for an artist name, 1 to 10. */
    public void setSearchLimit(int searchLimit) {
        this.searchLimit = searchLimit;
    }

    public void setStore(String store) {
        this.store = store;
    }

    public void setCacheTtl(String cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public void setMaxInlineWait(String maxInlineWait) {
        this.maxInlineWait = maxInlineWait;
    }

    public void setGiveUpAfter(String giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    // --- the Kamelet's steps ---

    /** The body's IDs, cut into batches (the exchange property {@value IdLists#PROPERTY}). */
    public IdList read(Exchange exchange) {
        return started().idLists.read(exchange);
    }

    public void start(IdBatch batch, Exchange exchange) {
        enrichments.start(batch, exchange);
    }

    public void next(@ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        enrichments.next(enrichment, exchange);
    }

    public void target(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, Message message) {
        calls.target(request, message);
    }

    /**
     * As the app's turn, but a caller is not left waiting on credentials Spotify refused (the app
     * turns its health check DOWN instead): the exchange fails with Spotify's reason. An
     * unreachable token endpoint is waited out, as in the app.
     */
    public void awaitTurn(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, Exchange exchange)
            throws InterruptedException, RateLimitParkedException, TokenRequestException {
        if (!tokens.hasUsableToken()) {
            Optional<TokenRequestException> failure = tokens.awaitFirstAnswer(FIRST_TOKEN_WAIT).or(tokens::lastFailure);
            if (failure.isPresent() && failure.get().credentialsRejected()) {
                throw new TokenRequestException("Spotify rejected the client credentials of client " + clientId
                        + " (" + failure.get().getMessage() + ")", true);
            }
        }
        calls.awaitTurn(request, exchange);
    }

    public void answered(@ExchangeProperty(SpotifyCalls.TURN) SpotifyCalls.Turn turn,
            @Header(Exchange.HTTP_RESPONSE_CODE) int status, @Header("Retry-After") String retryAfter)
            throws InterruptedException {
        calls.answered(turn, status, retryAfter);
    }

    public void noAnswer(@ExchangeProperty(SpotifyCalls.TURN) SpotifyCalls.Turn turn, Exchange exchange)
            throws SpotifyCallFailedException {
        calls.noAnswer(turn, exchange);
    }

    public void release(@ExchangeProperty(SpotifyCalls.TURN) SpotifyCalls.Turn turn, Exchange exchange) {
        calls.release(turn, exchange);
    }

    /** 200: the artists of the answer, stored, and settled for the batch. */
    public void artists(byte[] body, @ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request,
            @ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment) throws SpotifyCallFailedException {
        List<byte[]> artists = artistsAnswer.artists(body, request);
        artistStore.putAll(request.ids(), artists);
        enrichments.answered(enrichment, artists);
    }

    /** 200 of a search: the artists found, stored, and the name settled (matched or rejected). */
    public void searchAnswered(byte[] body, @ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request,
            @ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment) throws SpotifyCallFailedException {
        List<byte[]> artists = searchAnswer.artists(body);
        artistStore.putSearchAnswer(request, artists);
        enrichments.searchAnswered(enrichment, artists);
    }

    public void rateLimited(SpotifyErrorMessage error) throws RateLimitParkedException {
        calls.rateLimited(error);
    }

    public void tokenRefused(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, SpotifyErrorMessage error)
            throws SpotifyCallFailedException {
        calls.tokenRefused(request, error);
    }

    public void batchEndpointForbidden(@ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment,
            SpotifyErrorMessage error) {
        enrichments.batchEndpointForbidden(enrichment, error);
    }

    /** 404 of {@code /artists/{id}}: not_found, stored. */
    public void notFound(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request,
            @ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment) {
        artistStore.putNotFound(request.singleId());
        enrichments.notFound(enrichment);
    }

    public void badRequest(@ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment, SpotifyErrorMessage error) {
        enrichments.badRequest(enrichment, error);
    }

    public void failed(SpotifyErrorMessage error) throws SpotifyCallFailedException {
        calls.failed(error);
    }

    /**
     * A failed call (5xx, no answer, a second 401): the same request goes again after an
     * exponential back-off with jitter (the exchange property {@value #RETRY_DELAY}, in ms, waited
     * by the Kamelet's {@code delay}), until {@code giveUpAfter} after its first failure; then its
     * IDs become api_error rejects and the batch goes on.
     */
    public void retryLater(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request,
            @ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        if (calls.withinGiveUpAfter(request)) {
            exchange.setProperty(RETRY_DELAY, Backoff.exponential(FIRST_BACKOFF, MAX_BACKOFF, request.calls()).toMillis());
        } else {
            exchange.setProperty(RETRY_DELAY, 0L);
            enrichments.giveUp(enrichment, exchange);
        }
    }

    public BatchResult result(@ExchangeProperty(Enrichments.ENRICHMENT) Enrichment enrichment, Exchange exchange) {
        return enrichments.result(enrichment, exchange);
    }

    public void collect(@ExchangeProperty(IdLists.PROPERTY) IdList list, BatchResult result) {
        idLists.collect(list, result);
    }

    public void answer(@ExchangeProperty(IdLists.PROPERTY) IdList list, Exchange exchange) {
        idLists.answer(list, exchange);
    }

    /** camel-http's client for the artists calls of this instance: each request carries this instance's token. */
    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        started().bearer.configureHttpClient(builder);
    }

    // --- lifecycle ---

    private EnrichAction started() {
        if (!isStarted()) {
            synchronized (this) {
                if (!isStarted()) {
                    try {
                        // added to the context: started now, stopped with it
                        camelContext.addService(this, true, true);
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot start the Kamelet spotify-artist-enrich-action: " + e.getMessage(), e);
                    }
                }
            }
        }
        return this;
    }

    @Override
    protected void doStart() throws Exception {
        if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("the Kamelet spotify-artist-enrich-action needs clientId and clientSecret");
        }
        if (batchSize < 1 || batchSize > 50) {
            throw new IllegalArgumentException("batchSize must be 1..50, not " + batchSize);
        }
        if (searchLimit < 1 || searchLimit > EnricherSettings.MAX_SEARCH_LIMIT) {
            throw new IllegalArgumentException("searchLimit must be 1.." + EnricherSettings.MAX_SEARCH_LIMIT + ", not " + searchLimit);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        Duration inlineWait = Durations.parse("maxInlineWait", maxInlineWait);
        Duration giveUp = Durations.parse("giveUpAfter", giveUpAfter);
        Duration ttl = Durations.parse("cacheTtl", cacheTtl);
        Path storeFolder = Path.of(store);

        tokenEndpoint = tokenEndpoint();
        tokens = new AccessTokenProvider(TokenRoute.viaEndpoint(camelContext.createProducerTemplate(), tokenEndpoint, clock), clock);
        bearer = new BearerTokenAuthentication(tokens);
        RateLimitGate gate = new RateLimitGate(clock, inlineWait);
        calls = new SpotifyCalls(concurrency, gate, tokens, new ApiStats(), inlineWait, giveUp, clock);
        enrichments = new Enrichments(batchSize, searchLimit, new RunStatus(false, () -> { }));
        artistStore = SharedStores.open(storeFolder, ttl, clock);
        idLists = new IdLists(batchSize, artistStore, storeFolder.resolve("tmp"));
        renewal = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "spotify-token-renewal");
        renewal.scheduleWithFixedDelay(this::renewIfDue, 0, TOKEN_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (renewal != null) {
            camelContext.getExecutorServiceManager().shutdownNow(renewal);
        }
        ServiceHelper.stopService(tokenEndpoint);
        if (artistStore != null) {
            SharedStores.release(artistStore);
        }
    }

    /**
     * This instance's own camel-http endpoint for the token request (not in the context's endpoint
     * registry, where another instance with the same token URL would find it and its credentials).
     */
    private HttpEndpoint tokenEndpoint() throws Exception {
        String scheme = tokenUrl.substring(0, Math.max(0, tokenUrl.indexOf(':')));
        HttpEndpoint endpoint = (HttpEndpoint) camelContext.getComponent(scheme, true)
                .createEndpoint(tokenUrl + (tokenUrl.contains("?") ? "&" : "?")
                        + "httpMethod=POST&throwExceptionOnFailure=false");
        endpoint.setHttpClientConfigurer(new ClientCredentialsAuthentication(clientId, clientSecret));
        endpoint.setHeaderFilterStrategy(new SpotifyHeaderFilter());
        ServiceHelper.startService(endpoint);
        return endpoint;
    }

    private void renewIfDue() {
        try {
            tokens.renewIfDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Spotify token renewal failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        // the secret never: a registry dump or an error message may print this bean
        return "EnrichAction[clientId=" + clientId + ", tokenUrl=" + tokenUrl + "]";
    }
}
