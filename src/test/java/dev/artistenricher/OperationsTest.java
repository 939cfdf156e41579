package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics on the management server, as an operator reads them. */
class OperationsTest extends EmulatorTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String management;

    @BeforeEach
    void setUp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        management = "http://127.0.0.1:" + port;
        app
                .with("camel.management.enabled", "true")
                .with("camel.management.port", Integer.toString(port));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithATokenAndMetricsCountTheWork() throws Exception {
        app.drop("ops.txt", emulator.catalog().ids().subList(0, 60));
        app.drop("ops-bad.txt", java.util.List.of("nope"));
        app.startDaemon();
        try {
            app.awaitFile(app.out("ops.summary.json"), Duration.ofSeconds(30));
            app.awaitFile(app.out("ops-bad.summary.json"), Duration.ofSeconds(30));

            HttpResponse<String> health = get("/observe/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");

            String metrics = get("/observe/metrics").body();
            assertThat(metrics).contains("enricher_artists_enriched_total 60.0")
                    .contains("enricher_rejected_total{reason=\"invalid_id\"} 1.0")
                    .contains("spotify_api_calls_total{status=\"200\"} 2.0")
                    .contains("spotify_token_renewals_total 1.0")
                    // the latency histogram: each call in a bucket, p50 / p99 computable by Prometheus
                    .contains("spotify_api_latency_seconds_count 2")
                    .contains("spotify_api_latency_seconds_bucket{le=\"+Inf\"} 2")
                    .contains("spotify_api_latency_seconds_bucket{le=\"30.0\"} 2")
                    .contains("spotify_api_latency_seconds_bucket{le=\"0.001\"} 0");
            assertThat(metrics).doesNotContain(SpotifyEmulator.DEMO_CLIENT_SECRET);
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
    }

    @Test
    void rejectedCredentialsTurnReadinessDownWithAClearMessage() throws Exception {
        app.with("spotify.client-secret", "not-the-secret");
        app.startDaemon();
        try {
            // readiness is DOWN while the context still starts too: wait for the token endpoint's answer
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                    () -> get("/observe/health?exposureLevel=full").body().contains("Spotify rejected the client credentials"));
            assertThat(get("/observe/health").statusCode()).isEqualTo(503);
            String body = get("/observe/health?exposureLevel=full").body();
            assertThat(body).contains("\"name\":\"spotify-token\",\"status\":\"DOWN\"")
                    .contains("Spotify rejected the client credentials")
                    .doesNotContain("not-the-secret");
            assertThat(emulator.stats().tokenRequests()).isEqualTo(1);
        } finally {
            app.stopDaemon();
        }
    }
}
