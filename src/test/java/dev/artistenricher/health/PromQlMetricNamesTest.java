package dev.artistenricher.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name extraction and the suffix rules the dashboard test relies on, where they must say no. */
class PromQlMetricNamesTest {

    private static final String SCRAPE = """
            # TYPE enricher_ids_in_total counter
            enricher_ids_in_total 60.0
            # TYPE enricher_parked_until_seconds gauge
            enricher_parked_until_seconds 0.0
            # TYPE spotify_api_latency_seconds histogram
            spotify_api_latency_seconds_bucket{le="0.001"} 0
            spotify_api_latency_seconds_bucket{le="+Inf"} 2
            spotify_api_latency_seconds_count 2
            spotify_api_latency_seconds_sum 0.026
            # TYPE spotify_api_latency_seconds_max gauge
            spotify_api_latency_seconds_max 0.013
            """;

    @Test
    void namesAreWhatIsLeftOutsideFunctionsLabelsRangesAndStrings() {
        assertThat(PromQlMetricNames.in(
                "histogram_quantile(0.99, sum by (le, instance) (rate(spotify_api_latency_seconds_bucket{instance=~\"$instance\",le!=\"x_total\"}[$__rate_interval])))"))
                .containsExactly("spotify_api_latency_seconds_bucket");
        assertThat(PromQlMetricNames.in("sum(rate(a_sum[5m])) / on (job) group_left (kind) sum(rate(a_count[5m] offset 1h)) > bool 1e3"))
                .containsExactly("a_sum", "a_count");
        assertThat(PromQlMetricNames.in("clamp_min(max(enricher_parked_until_seconds) - time(), 0) * 1000 or vector(0)"))
                .containsExactly("enricher_parked_until_seconds");
        assertThat(PromQlMetricNames.in("sum without (reason) (increase(enricher_rejected_total[${__range}]))"))
                .containsExactly("enricher_rejected_total");
        assertThat(PromQlMetricNames.in("count({__name__=\"spotify_token_renewals_total\"})")).containsExactly("spotify_token_renewals_total");
    }

    @Test
    void aScrapeOffersSeriesByTheirFamilysType() {
        PrometheusExposition scrape = new PrometheusExposition(SCRAPE);
        assertThat(scrape.offers("enricher_ids_in_total")).isTrue();
        assertThat(scrape.offers("enricher_parked_until_seconds")).isTrue();
        assertThat(scrape.offers("spotify_api_latency_seconds_bucket")).isTrue();
        assertThat(scrape.offers("spotify_api_latency_seconds_count")).isTrue();
        assertThat(scrape.offers("spotify_api_latency_seconds_sum")).isTrue();
        assertThat(scrape.offers("spotify_api_latency_seconds_max")).isTrue();

        assertThat(scrape.offers("spotify_api_latency_seconds")).as("a histogram's bare family name selects nothing").isFalse();
        assertThat(scrape.offers("enricher_ids_in_total_bucket")).as("a counter has no buckets").isFalse();
        assertThat(scrape.offers("enricher_ids_in")).isFalse();
        assertThat(scrape.offers("enricher_nothing_total")).isFalse();
    }

    @Test
    void openMetricsCountersNameTheirFamilyWithoutTotal() {
        PrometheusExposition scrape = new PrometheusExposition("# TYPE enricher_ids_in counter\nenricher_ids_in_total 1.0\n");
        assertThat(scrape.offers("enricher_ids_in_total")).isTrue();
        assertThat(scrape.offers("enricher_ids_in")).isFalse();
    }
}
