package dev.artistenricher.health;

import dev.artistenricher.enrich.Reject;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The product's own meters, beside Camel's route metrics on {@code /observe/metrics}: IDs in,
 * enriched, rejected by reason, API calls by status, 429s, retry waits, token renewals, latency.
 * They read the counters the code keeps anyway, so nothing on the hot path depends on Micrometer.
 */
public final class EnricherMetrics extends ServiceSupport {

    private final CamelContext context;
    private final ApiStats api;
    private final RunStatus run;
    private final AccessTokenProvider tokens;

    public EnricherMetrics(CamelContext context, ApiStats api, RunStatus run, AccessTokenProvider tokens) {
        this.context = context;
        this.api = api;
        this.run = run;
        this.tokens = tokens;
    }

    @Override
    protected void doStart() {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            return; // metrics disabled
        }
        FunctionCounter.builder("enricher.ids.in", run, RunStatus::idsIn).description("valid artist IDs read").register(registry);
        FunctionCounter.builder("enricher.artists.enriched", run, RunStatus::artists).register(registry);
        for (String reason : Reject.REASONS) {
            FunctionCounter.builder("enricher.rejected", run, r -> r.rejects(reason)).tag("reason", reason).register(registry);
        }
        for (String status : ApiStats.TRACKED_STATUSES) {
            FunctionCounter.builder("spotify.api.calls", api, a -> a.callsWithStatus(status)).tag("status", status).register(registry);
        }
        FunctionCounter.builder("spotify.api.rate.limited", api, ApiStats::rateLimited).description("429 answers").register(registry);
        FunctionCounter.builder("spotify.api.retry.wait", api, a -> a.retryWaitMillis() / 1000.0).baseUnit("seconds")
                .description("time announced by Retry-After").register(registry);
        FunctionCounter.builder("spotify.token.renewals", tokens, AccessTokenProvider::renewals).register(registry);
        FunctionTimer.builder("spotify.api.latency", api, ApiStats::calls, ApiStats::latencyNanos, TimeUnit.NANOSECONDS)
                .register(registry);
    }

    @Override
    protected void doStop() {
        // the meters go with the registry
    }
}
