package dev.artistenricher;

import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.config.HttpSettings;
import dev.artistenricher.config.QueueSettings;
import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.config.MillisPropertiesFunction;
import dev.artistenricher.enrich.Enrichments;
import dev.artistenricher.embed.IdLists;
import dev.artistenricher.health.EnricherMetrics;
import dev.artistenricher.health.ReadinessCheck;
import dev.artistenricher.inbox.FileJobs;
import dev.artistenricher.http.ApiKey;
import dev.artistenricher.http.HttpEnrich;
import dev.artistenricher.http.InFlightLimit;
import dev.artistenricher.queue.QueueWiring;
import dev.artistenricher.run.RateLimitParking;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.run.ScheduleStats;
import dev.artistenricher.config.ScheduleSettings;
import dev.artistenricher.schedule.ScheduleRoutes;
import dev.artistenricher.schedule.WatchListRounds;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import dev.artistenricher.spotify.ArtistsAnswer;
import dev.artistenricher.spotify.BearerTokenAuthentication;
import dev.artistenricher.spotify.ClientCredentialsAuthentication;
import dev.artistenricher.spotify.RateLimitGate;
import dev.artistenricher.spotify.SearchAnswer;
import dev.artistenricher.spotify.SpotifyCalls;
import dev.artistenricher.spotify.SpotifyHeaderFilter;
import dev.artistenricher.spotify.TokenRoute;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the beans the routes refer to by name. Settings are read and validated first, so a bad
 * value stops the start before any route runs.
 */
public class EnricherConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(EnricherConfiguration.class);
    /** Where POST /enrich's OpenAPI document is served, beside it on the business server. */
    static final String OPENAPI_PATH = "/openapi.json";

    @Override
    public void configure(CamelContext context) throws Exception {
        EnricherSettings settings = EnricherSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        HttpSettings http = HttpSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        RunStatus status = registry.lookupByNameAndType("runStatus", RunStatus.class);
        if (status == null) {
            status = new RunStatus(false, () -> { });
            registry.bind("runStatus", status);
        }

        context.getPropertiesComponent().addPropertiesFunction(new MillisPropertiesFunction(context));
        ensureConnectionPool(context, settings.concurrency());

        AccessTokenProvider tokens = new AccessTokenProvider(new TokenRoute(context.createProducerTemplate(), clock), clock);
        ApiStats stats = new ApiStats();
        RateLimitGate gate = new RateLimitGate(clock, settings.maxInlineWait());
        SpotifyCalls calls = new SpotifyCalls(settings.concurrency(), gate, tokens, stats, settings.maxInlineWait(),
                settings.giveUpAfter(), clock);
        ArtistStore cache = new ArtistStore(settings.store(), settings.cacheTtl(), settings.notFoundTtl(),
                settings.cacheMegabytes(), clock);
        context.addService(cache);

        registry.bind("settings", settings);
        registry.bind("accessTokens", tokens);
        registry.bind("apiStats", stats);
        registry.bind("artistStore", cache);
        registry.bind("spotifyCalls", calls);
        registry.bind("enrichments", new Enrichments(settings.batchSize(), settings.searchLimit(), status));
        registry.bind("artistsAnswer", new ArtistsAnswer());
        registry.bind("searchAnswer", new SearchAnswer());
        registry.bind("spotifyBearerToken", new BearerTokenAuthentication(tokens));
        registry.bind("spotifyClientCredentials", new ClientCredentialsAuthentication(settings.clientId(), settings.clientSecret()));
        registry.bind("spotifyHeaders", new SpotifyHeaderFilter());
        // batches of a file submitted at once: one per API call in flight and one ready behind each
        int readAhead = 2 * settings.concurrency();
        FileJobs fileJobs = new FileJobs(settings.outbox(), settings.batchSize(), readAhead, cache, status,
                clock, settings.progressInterval(), settings.spillDirectory());
        registry.bind("fileJobs", fileJobs);
        registry.bind("idLists", new IdLists(settings.batchSize(), cache, settings.spillDirectory()));
        RateLimitParking parking = new RateLimitParking(context, status);
        registry.bind("rateLimitParking", parking);

        registry.bind("httpEnrich", new HttpEnrich(new ApiKey(http.apiKey()), http.maxIds(),
                new InFlightLimit(http.maxInFlight()), parking::parkedUntil, clock));
        if (http.enabled()) {
            // only then: the api-doc route would otherwise attach to the management server's port
            context.getRestConfiguration().setApiContextPath(OPENAPI_PATH);
            LOG.info("POST /enrich and {} on http://{}:{} ({})", OPENAPI_PATH, http.host(), http.port(),
                    http.apiKey().isPresent() ? "X-API-Key required" : "no API key: loopback only");
        }

        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new ReadinessCheck("spotify-token", () -> tokenProblem(tokens)));
            health.register(new ReadinessCheck("rate-limit", () -> Optional.ofNullable(parking.parkedUntil())
                    .map(until -> "rate-limited until " + until)));
            health.register(new ReadinessCheck("inbox", () -> Files.isDirectory(settings.inbox()) && Files.isReadable(settings.inbox())
                    ? Optional.empty() : Optional.of("inbox " + settings.inbox() + " is not a readable folder")));
        }
        // fed by the scheduled watch-list rounds; its meters exist from the start, zero until a round ends
        ScheduleStats scheduleStats = new ScheduleStats();
        registry.bind("scheduleStats", scheduleStats);
        context.addService(new EnricherMetrics(context, stats, status, tokens, parking, scheduleStats));
        registry.bind("enrichmentPool", enrichmentPool(context, readAhead));
        schedule(context, ScheduleSettings.read(key -> context.getPropertiesComponent().resolveProperty(key)),
                settings, fileJobs, scheduleStats, status, parking, clock);

        QueueWiring.configure(context, QueueSettings.read(key -> context.getPropertiesComponent().resolveProperty(key)),
                settings, cache);
    }

    /**
     * The watch-list rounds ({@code routes/schedule.camel.yaml}); their cron trigger only when
     * {@code enricher.schedule.cron} is set and the application runs as a daemon ({@code --once}
     * and {@code --snapshot} end by themselves). A round parked by a long rate-limit wait runs again
     * when the park ends.
     */
    private static void schedule(CamelContext context, ScheduleSettings schedule, EnricherSettings settings,
            FileJobs fileJobs, ScheduleStats stats, RunStatus status, RateLimitParking parking, Clock clock) {
        WatchListRounds rounds = new WatchListRounds(schedule, settings.outbox(), fileJobs, stats, status, clock);
        context.getRegistry().bind("watchListRounds", rounds);
        parking.onResume(() -> {
            if (rounds.takeRoundOwedAfterPark()) {
                context.createFluentProducerTemplate().to("direct:watch-list-round").asyncSend();
            }
        });
        if (schedule.cron().isPresent() && !status.isOnce()) {
            context.getRegistry().bind("scheduleRoutes", new ScheduleRoutes(schedule.cronOption().orElseThrow()));
            LOG.info("Watch lists in {} enriched on the cron '{}'; snapshots in {}", schedule.lists(), schedule.cron().get(),
                    settings.outbox().resolve("snapshots"));
        }
    }

    /**
     * camel-http's pool (camel.component.http(s).connections-per-route, 20 by default) must let
     * every call in flight have its connection, or calls would queue inside the client unseen: a
     * smaller setting is raised to enricher.concurrency, with a line saying so.
     */
    private static void ensureConnectionPool(CamelContext context, int concurrency) {
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            if (http.getConnectionsPerRoute() < concurrency) {
                LOG.info("camel.component.{}.connections-per-route raised from {} to {} (enricher.concurrency)",
                        scheme, http.getConnectionsPerRoute(), concurrency);
                http.setConnectionsPerRoute(concurrency);
            }
            if (http.getMaxTotalConnections() < 2 * concurrency) {
                http.setMaxTotalConnections(2 * concurrency);
            }
        }
    }

    private static Optional<String> tokenProblem(AccessTokenProvider tokens) {
        if (tokens.hasUsableToken()) {
            return Optional.empty();
        }
        return Optional.of(tokens.lastFailure()
                .map(f -> (f.credentialsRejected() ? "Spotify rejected the client credentials: " : "no access token: ") + f.getMessage())
                .orElse("no access token yet"));
    }

    /**
     * The splitter's threads. Each file keeps a window of {@code readAhead} batches submitted
     * ({@link dev.artistenricher.inbox.FileJob#batches()}): one per API call in flight and one ready
     * behind each, so a call leaves the moment the previous one ends; the API semaphore still allows
     * only {@code concurrency} calls in flight. Camel runs more than the batches on this pool: the
     * splitter's own reading of the input and the completion step of each finished batch. With one
     * thread short of that, those steps queued behind the batches (measured at 50 ms latency: 30,000
     * IDs took 9.5-10.2 s at concurrency 4 with window + 1 threads, 8.3 s with window + 2, and
     * window + 3 gained nothing; at concurrency 8, 5.3 s against 4.35 s).
     */
    private static ExecutorService enrichmentPool(CamelContext context, int readAhead) {
        ThreadPoolProfile profile = new ThreadPoolProfile("enrichment");
        int threads = readAhead + 2;
        profile.setPoolSize(threads);
        profile.setMaxPoolSize(threads);
        profile.setMaxQueueSize(-1);
        return context.getExecutorServiceManager().newThreadPool(context, "enrichment", profile);
    }
}
