package dev.artistenricher.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artistenricher.run.RateLimitParking;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.run.ScheduleStats;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import dev.artistenricher.spotify.TokenRoute;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metrics contract of the scheduled rounds: {@link ScheduleStats} (what the schedule calls) as
 * {@code enricher_schedule_rounds_total{outcome}} and {@code enricher_schedule_changes_total{kind}}
 * in a Prometheus scrape, every series there from the start.
 */
class EnricherMetricsTest {

    private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduleStats schedule = new ScheduleStats();
    private CamelContext context;

    @BeforeEach
    void startMetrics() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("prometheus", prometheus);
        RunStatus run = new RunStatus(false, () -> { });
        AccessTokenProvider tokens = new AccessTokenProvider(new TokenRoute(context.createProducerTemplate(), Clock.systemUTC()),
                Clock.systemUTC());
        context.addService(new EnricherMetrics(context, new ApiStats(), run, tokens, new RateLimitParking(context, run), schedule));
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void everyOutcomeAndKindIsThereAtZeroBeforeTheFirstRound() {
        String scrape = prometheus.scrape();
        for (String outcome : ScheduleStats.OUTCOMES) {
            assertThat(scrape).contains("enricher_schedule_rounds_total{outcome=\"" + outcome + "\"} 0.0");
        }
        for (String kind : ScheduleStats.KINDS) {
            assertThat(scrape).contains("enricher_schedule_changes_total{kind=\"" + kind + "\"} 0.0");
        }
        assertThat(scrape).contains("enricher_parked_until_seconds 0.0");
    }

    @Test
    void roundsAndChangesAreCountedByOutcomeAndKind() {
        schedule.roundEnded(ScheduleStats.COMPLETED);
        schedule.roundEnded(ScheduleStats.COMPLETED);
        schedule.roundEnded(ScheduleStats.PARKED);
        schedule.changesFound(ScheduleStats.CHANGED, 3);
        schedule.changesFound(ScheduleStats.APPEARED, 1);
        schedule.changesFound(ScheduleStats.CHANGED, 2);

        assertThat(prometheus.scrape())
                .contains("enricher_schedule_rounds_total{outcome=\"completed\"} 2.0")
                .contains("enricher_schedule_rounds_total{outcome=\"parked\"} 1.0")
                .contains("enricher_schedule_rounds_total{outcome=\"failed\"} 0.0")
                .contains("enricher_schedule_changes_total{kind=\"changed\"} 5.0")
                .contains("enricher_schedule_changes_total{kind=\"appeared\"} 1.0")
                .contains("enricher_schedule_changes_total{kind=\"disappeared\"} 0.0");
    }

    @Test
    void anOutcomeOrKindOutsideTheContractIsRefused() {
        assertThatThrownBy(() -> schedule.roundEnded("skipped")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skipped");
        assertThatThrownBy(() -> schedule.changesFound("renamed", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schedule.changesFound(ScheduleStats.CHANGED, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(schedule.changes(ScheduleStats.CHANGED)).isZero();
    }
}
