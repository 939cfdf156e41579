package dev.artistenricher;

import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.enrich.BatchEnricher;
import dev.artistenricher.outbox.FileJobs;
import dev.artistenricher.run.RateLimitParking;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import dev.artistenricher.spotify.RateLimitGate;
import dev.artistenricher.spotify.SpotifyArtistsApi;
import dev.artistenricher.spotify.TokenEndpointClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;

/**
 * Wires the beans the routes refer to by name. Settings are read and validated first, so a bad
 * value stops the start before any route runs.
 */
public class EnricherConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        EnricherSettings settings = EnricherSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        RunStatus status = registry.lookupByNameAndType("runStatus", RunStatus.class);
        if (status == null) {
            status = new RunStatus(false, () -> { });
            registry.bind("runStatus", status);
        }

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        AccessTokenProvider tokens = new AccessTokenProvider(
                new TokenEndpointClient(http, settings.tokenUrl(), settings.clientId(), settings.clientSecret(),
                        settings.httpTimeout(), clock),
                clock);
        ApiStats stats = new ApiStats();
        SpotifyArtistsApi api = new SpotifyArtistsApi(http, settings.apiUrl(), tokens, new RateLimitGate(clock),
                settings.concurrency(), settings.httpTimeout(), settings.maxInlineWait(), stats);
        ArtistStore cache = new ArtistStore(settings.store(), settings.cacheTtl(), settings.cacheMegabytes(), clock);
        context.addService(cache);
        BatchEnricher enricher = new BatchEnricher(api, cache, settings.batchSize(),
                new BatchEnricher.RetryPolicy(settings.giveUpAfter(), settings.retryInitialBackoff(), settings.retryMaxBackoff()),
                clock);

        registry.bind("settings", settings);
        registry.bind("accessTokens", tokens);
        registry.bind("apiStats", stats);
        registry.bind("artistStore", cache);
        registry.bind("batchEnricher", enricher);
        FileJobs fileJobs = new FileJobs(settings.outbox(), settings.batchSize(), cache, status, clock);
        registry.bind("fileJobs", fileJobs);
        registry.bind("rateLimitParking", new RateLimitParking(context, status, fileJobs));
        registry.bind("enrichmentPool", enrichmentPool(context, settings.concurrency()));
    }

    /**
     * The splitter's threads: one per API call allowed in flight. The queue is short and a full
     * queue makes the splitter run the batch itself, so reading the input never runs far ahead of
     * the API (bounded memory for files of any size).
     */
    private static ExecutorService enrichmentPool(CamelContext context, int concurrency) {
        ThreadPoolProfile profile = new ThreadPoolProfile("enrichment");
        profile.setPoolSize(concurrency);
        profile.setMaxPoolSize(concurrency);
        profile.setMaxQueueSize(concurrency);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return context.getExecutorServiceManager().newThreadPool(context, "enrichment", profile);
    }
}
