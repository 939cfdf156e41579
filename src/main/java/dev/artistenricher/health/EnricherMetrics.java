package dev.artistenricher.health;

import dev.artistenricher.enrich.Reject;
import dev.artistenricher.run.RateLimitParking;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.run.ScheduleStats;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The product's own meters, beside Camel's route metrics on {@code /observe/metrics}: IDs in,
 * enriched, rejected by reason, API calls by status, 429s, retry waits, parking, token renewals,
 * latency, scheduled rounds and the changes they found. The counters read what the code counts
 * anyway, so nothing on the hot path depends on Micrometer; only the latency histogram is recorded
 * per call (Micrometer's Prometheus timer records without a lock).
 */
public final class EnricherMetrics extends ServiceSupport {

    /**
     * The latency histogram's range: below 1 ms is the emulator on loopback, above 30 s is past
     * camel-http's response timeout (application.properties); Micrometer puts its buckets between.
     */
    private static final Duration FASTEST_CALL = Duration.ofMillis(1);
    private static final Duration SLOWEST_CALL = Duration.ofSeconds(30);

    private final CamelContext context;
    private final ApiStats api;
    private final RunStatus run;
    private final AccessTokenProvider tokens;
    private final RateLimitParking parking;
    private final ScheduleStats schedule;

    public EnricherMetrics(CamelContext context, ApiStats api, RunStatus run, AccessTokenProvider tokens,
            RateLimitParking parking, ScheduleStats schedule) {
        this.context = context;
        this.api = api;
        this.run = run;
        this.tokens = tokens;
        this.parking = parking;
        this.schedule = schedule;
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
        Gauge.builder("enricher.parked.until", parking, EnricherMetrics::parkedUntilEpochSeconds).baseUnit("seconds")
                .description("when a long rate-limit wait ends (Unix time), 0 when not parked").register(registry);
        FunctionCounter.builder("spotify.token.renewals", tokens, AccessTokenProvider::renewals).register(registry);
        Timer latency = Timer.builder("spotify.api.latency").description("time from a request leaving to Spotify's answer")
                .publishPercentileHistogram().minimumExpectedValue(FASTEST_CALL).maximumExpectedValue(SLOWEST_CALL)
                .register(registry);
        api.observeLatency(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
        for (String outcome : ScheduleStats.OUTCOMES) {
            FunctionCounter.builder("enricher.schedule.rounds", schedule, s -> s.rounds(outcome)).tag("outcome", outcome)
                    .description("scheduled watch-list rounds by how they ended").register(registry);
        }
        for (String kind : ScheduleStats.KINDS) {
            FunctionCounter.builder("enricher.schedule.changes", schedule, s -> s.changes(kind)).tag("kind", kind)
                    .description("artists that appeared, disappeared or changed between two snapshots").register(registry);
        }
    }

    private static double parkedUntilEpochSeconds(RateLimitParking parking) {
        Instant until = parking.parkedUntil();
        return until == null ? 0 : until.getEpochSecond();
    }

    @Override
    protected void doStop() {
        // the meters go with the registry
    }
}
