package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the app behaves when Spotify misbehaves: tokens that expire or are revoked, 429s, 5xx, resets. */
class SpotifyResilienceTest extends EmulatorTest {

    private static List<String> ids;

    @BeforeAll
    static void chooseInput() {
        ids = emulator.catalog().ids();
    }

    private static List<String> artists(List<String> input) {
        return artistLines(input);
    }

    @Test
    void renewsAShortLivedTokenBeforeItExpiresAndNeverSendsAnExpiredOne() throws IOException {
        emulator.controls().tokenLifetime(Duration.ofSeconds(3));
        emulator.controls().latency(Duration.ofMillis(80));
        app.with("enricher.batch-size", "1").with("enricher.concurrency", "2");
        List<String> input = ids.subList(0, 160); // ~160 calls x 80 ms / 2 in flight: about 7 s, over two lifetimes
        app.drop("slow.txt", input);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("slow.jsonl")).containsExactlyElementsOf(artists(input));
        assertThat(emulator.stats().expiredTokenCalls()).isZero();
        assertThat(emulator.stats().unknownTokenCalls()).isZero();
        assertThat(emulator.stats().tokensIssued()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void recoversFromATokenRevokedWhileRunning() throws IOException {
        emulator.controls().latency(Duration.ofMillis(30));
        app.with("enricher.batch-size", "1").with("enricher.concurrency", "1");
        List<String> input = ids.subList(0, 80);
        app.drop("revoked.txt", input);
        app.startDaemon();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> emulator.stats().idsServed() >= 10);
        emulator.controls().revokeTokens();
        app.awaitFile(app.out("revoked.summary.json"), Duration.ofSeconds(30));
        assertThat(app.stopDaemon()).isZero();

        assertThat(app.lines("revoked.jsonl")).containsExactlyElementsOf(artists(input));
        assertThat(emulator.stats().callsWithStatus(401)).isEqualTo(1);
        assertThat(emulator.stats().tokensIssued()).isEqualTo(2);
    }

    @Test
    void aStormOf429sIsWaitedOutWithoutAnyCallBeforeRetryAfter() throws IOException {
        emulator.controls().tooManyRequestsNext(3, 1);
        app.with("enricher.concurrency", "1");
        List<String> input = ids.subList(0, 200);
        app.drop("storm.txt", input);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("storm.jsonl")).containsExactlyElementsOf(artists(input));
        assertThat(emulator.stats().callsWithStatus(429)).isEqualTo(3);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
        assertThat(app.out("storm.rejects.jsonl")).doesNotExist();
    }

    @Test
    void serverErrorsAndConnectionResetsLoseNothing() throws IOException {
        emulator.controls().errorRate(0.2);
        emulator.controls().resetRate(0.1);
        List<String> input = ids.subList(0, 300);
        app.with("enricher.batch-size", "10");
        app.drop("faulty.txt", input);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("faulty.jsonl")).containsExactlyElementsOf(artists(input));
        assertThat(app.out("faulty.rejects.jsonl")).doesNotExist();
        assertThat(emulator.stats().callsWithStatus(500) + emulator.stats().callsWithStatus(502)
                + emulator.stats().callsWithStatus(503)).isPositive();
    }

    @Test
    void afterGiveUpAfterTheIdsBecomeApiErrorRejects() throws IOException {
        emulator.controls().errorRate(1.0);
        app.with("enricher.retry.give-up-after", "300ms");
        app.drop("down.txt", ids.subList(0, 3));

        assertThat(app.runOnce()).isZero();

        List<JsonNode> rejects = FileEnrichmentTest.jsonLines(app.out("down.rejects.jsonl"));
        assertThat(rejects).hasSize(3);
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.path("reason").asText()).isEqualTo("api_error");
            assertThat(r.path("detail").asText()).startsWith("HTTP 50");
        });
        assertThat(app.lines("down.jsonl")).isEmpty();
        assertThat(emulator.stats().apiCalls()).isGreaterThan(1);
    }

    @Test
    void aBadRequestSplitsTheBatchSoNeighboursSurvive() throws IOException {
        // the emulator refuses a batch holding an ID it does not accept (a well-formed 22-character ID
        // cannot be malformed, so inject one 400 for the first call instead)
        emulator.controls().failNext(1, 400);
        List<String> input = ids.subList(0, 8);
        app.drop("split.txt", input);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("split.jsonl")).containsExactlyElementsOf(artists(input));
        assertThat(emulator.stats().batchCalls()).isEqualTo(3);
    }

    @Test
    void rejectedCredentialsEndOnceWithOneClearLineAndNoHammering() throws IOException {
        app.with("spotify.client-secret", "wrong-secret");
        app.drop("never.txt", ids.subList(0, 3));

        assertThat(app.runOnce()).isEqualTo(1);

        assertThat(app.stderr().strip()).startsWith("Spotify rejected the client credentials").contains("invalid_client")
                .doesNotContain("wrong-secret");
        assertThat(app.stderr().strip().lines()).hasSize(1);
        assertThat(emulator.stats().tokenRequests()).isEqualTo(1);
        assertThat(emulator.stats().apiCalls()).isZero();
        assertThat(app.inbox.resolve("never.txt")).exists();
    }

    @Test
    void aMissingSettingStopsStartUpWithExitCode2AndOneLineNamingTheKey() {
        app.properties.remove("spotify.client-id");

        assertThat(app.runOnce()).isEqualTo(2);

        assertThat(app.stderr().strip()).isEqualTo("spotify.client-id is not set");
    }

    @Test
    void anInvalidSettingNamesItsKey() {
        app.with("enricher.batch-size", "51");

        assertThat(app.runOnce()).isEqualTo(2);

        assertThat(app.stderr().strip()).isEqualTo("enricher.batch-size must be a whole number from 1 to 50, not '51'");
    }
}
