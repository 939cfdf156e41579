package dev.artistenricher.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/artist-enricher.json: importable (a Prometheus datasource input, a uid, a schema
 * version), it shows what the operations part of SPEC.md promises, and every metric its PromQL
 * queries is offered by {@code /observe/metrics} of the application as it starts.
 */
class GrafanaDashboardTest extends EmulatorTest {

    private static final Path DASHBOARD = Path.of("docs/grafana/artist-enricher.json");
    private static final String DATASOURCE = "${DS_PROMETHEUS}";

    private GrafanaDashboard dashboard;

    @BeforeEach
    void readDashboard() throws IOException {
        dashboard = new GrafanaDashboard(DASHBOARD);
    }

    @Test
    void isImportableWithAPrometheusDatasourceInput() {
        JsonNode json = dashboard.json;
        assertThat(json.path("uid").asText()).isEqualTo("artist-enricher");
        assertThat(json.path("schemaVersion").isInt()).isTrue();
        assertThat(json.path("id").isNull()).as("an exported dashboard carries no database id").isTrue();
        JsonNode input = json.path("__inputs").path(0);
        assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.path("type").asText()).isEqualTo("datasource");
        assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique: %s", panel.path("title")).isTrue();
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(DATASOURCE);
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
                }
            }
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
        }
    }

    @Test
    void showsWhatTheOperationsContractPromises() {
        assertThat(dashboard.metricNames()).contains(
                "enricher_ids_in_total", "enricher_artists_enriched_total", "enricher_rejected_total",
                "spotify_api_calls_total", "spotify_api_rate_limited_total", "spotify_api_retry_wait_seconds_total",
                "enricher_parked_until_seconds", "spotify_token_renewals_total", "spotify_api_latency_seconds_bucket",
                "enricher_schedule_rounds_total", "enricher_schedule_changes_total");
        assertThat(dashboard.expressions()).anyMatch(e -> e.startsWith("histogram_quantile(0.5,"))
                .anyMatch(e -> e.startsWith("histogram_quantile(0.99,"));
    }

    @Test
    void everyMetricItQueriesIsOfferedByTheApplicationAsItStarts() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app.with("camel.management.enabled", "true").with("camel.management.port", Integer.toString(port));
        URI metrics = URI.create("http://127.0.0.1:" + port + "/observe/metrics");
        HttpClient http = HttpClient.newHttpClient();
        app.startDaemon();
        try {
            // nothing enriched yet: the meters must be there from the start, zero
            String scrape = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()),
                    response -> response.statusCode() == 200 && response.body().contains("spotify_token_renewals_total"))
                    .body();
            PrometheusExposition offered = new PrometheusExposition(scrape);
            List<String> missing = dashboard.metricNames().stream().filter(name -> !offered.offers(name)).toList();
            assertThat(missing).as("metrics the dashboard queries that /observe/metrics does not offer").isEmpty();
            assertThat(scrape).contains("enricher_schedule_rounds_total{outcome=\"parked\"} 0.0")
                    .contains("enricher_schedule_changes_total{kind=\"disappeared\"} 0.0")
                    .contains("spotify_api_latency_seconds_bucket{le=\"+Inf\"} 0");
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
    }
}
