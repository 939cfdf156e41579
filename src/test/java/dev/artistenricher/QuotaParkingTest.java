package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Development Mode quota: a 429 QUOTA_EXCEEDED with a Retry-After above enricher.max-inline-wait
 * parks the work instead of sleeping through it, and the next run resumes from the artist store.
 */
class QuotaParkingTest extends EmulatorTest {

    private static final Pattern PARKED_LINE =
            Pattern.compile("Spotify rate limit: retry after (\\S+) \\((\\d+) IDs done, (\\d+) left\\)");

    private static List<String> input;

    @BeforeAll
    static void chooseInput() {
        input = emulator.catalog().ids().subList(0, 250);
    }

    @BeforeEach
    void setUp() throws IOException {
        // a Development Mode app: single-artist calls only, a quota after 100 artists, then 3 s to wait
        emulator.controls().developmentMode(true);
        emulator.controls().quota(100, Duration.ofSeconds(3));
        app
                .with("enricher.batch-size", "1")
                .with("enricher.concurrency", "1")
                .with("enricher.max-inline-wait", "1s");
        app.drop("quota.txt", input);
    }

    private List<String> expectedOutput() {
        return input.stream().map(id -> artistLine(id, true)).toList();
    }

    @Test
    void onceExits75WithOneLineAndTheNextRunMakesOnlyTheMissingCalls() throws IOException {
        assertThat(app.runOnce()).isEqualTo(75);

        String line = app.stderr().strip();
        assertThat(line.lines()).hasSize(1);
        Matcher m = PARKED_LINE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group(2)).as("IDs answered before the quota").isEqualTo("100");
        assertThat(m.group(3)).isEqualTo("150");
        assertThat(app.inbox.resolve("quota.txt")).exists();
        assertThat(app.out("quota.jsonl")).doesNotExist();
        assertThat(emulator.stats().idsServed()).isEqualTo(100);

        Instant until = Instant.parse(m.group(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(until));
        emulator.controls().quota(1000, Duration.ofSeconds(3)); // a new day: plenty of quota
        emulator.stats().reset();

        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().idsServed()).isEqualTo(150);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
        assertThat(app.lines("quota.jsonl")).containsExactlyElementsOf(expectedOutput());
        assertThat(app.inbox.resolve(".done/quota.txt")).exists();
    }

    @Test
    void theDaemonParksAndResumesByItselfWithNoRequestBeforeTheAnnouncedTime() throws Exception {
        emulator.controls().quota(150, Duration.ofSeconds(3)); // the refill after the wait covers the rest
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app.with("camel.management.enabled", "true").with("camel.management.port", Integer.toString(port));
        java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/observe/health?exposureLevel=full")).build();
        java.net.http.HttpRequest metrics = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/observe/metrics")).build();
        app.startDaemon();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> java.net.http.HttpClient.newHttpClient()
                .send(health, java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("rate-limited until"));
        // the dashboard's "parked until": the announced time while parked (Unix seconds), 0 once resumed
        double parkedUntil = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(
                () -> parkedUntilGauge(java.net.http.HttpClient.newHttpClient()
                        .send(metrics, java.net.http.HttpResponse.BodyHandlers.ofString()).body()), v -> v > 0);
        assertThat(parkedUntil).isBetween(Instant.now().getEpochSecond() - 10.0, Instant.now().getEpochSecond() + 10.0);
        app.awaitFile(app.out("quota.summary.json"), Duration.ofSeconds(30));
        assertThat(parkedUntilGauge(java.net.http.HttpClient.newHttpClient()
                .send(metrics, java.net.http.HttpResponse.BodyHandlers.ofString()).body())).isZero();
        assertThat(app.stopDaemon()).isZero();

        assertThat(app.lines("quota.jsonl")).containsExactlyElementsOf(expectedOutput());
        assertThat(emulator.stats().idsServed()).isEqualTo(250);
        assertThat(emulator.stats().callsWithStatus(429)).isEqualTo(1);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
    }

    private static double parkedUntilGauge(String scrape) {
        Matcher m = Pattern.compile("^enricher_parked_until_seconds (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        assertThat(m.find()).as("enricher_parked_until_seconds in the scrape").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
