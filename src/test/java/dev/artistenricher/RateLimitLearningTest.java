package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rolling rate-limit window whose 429s announce a short Retry-After (as the real service does: its
 * Retry-After says nothing about when the window frees). Obeying alone, every call in flight would
 * meet a 429 every 2 s until the window frees (56 for this shape); learning, one call probes with
 * growing waits, and the calls after it are paced to what the window allowed.
 */
class RateLimitLearningTest extends EmulatorTest {

    private static final int CONCURRENCY = 4;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void aFullWindowCostsAFew429sNotOnePerCallInFlight() throws IOException {
        app.with("enricher.concurrency", Integer.toString(CONCURRENCY));
        emulator.controls().syntheticCatalog(true);
        emulator.controls().rateLimit(20, Duration.ofSeconds(30), Duration.ofSeconds(2));
        List<String> input = distinctIds(1600); // 32 calls of 50
        app.drop("window.txt", input);

        assertThat(app.runOnce()).isZero();

        String stats = emulator.stats().toString();
        System.out.println("rate-limit learning: " + stats);
        assertThat(app.lines("window.jsonl")).hasSize(1600);
        assertThat(app.out("window.rejects.jsonl")).doesNotExist();
        assertThat(emulator.stats().callsWithStatus(429)).as(stats).isLessThanOrEqualTo(8);
        // at most the calls already on their way when the first 429 came back: none left after it
        // was known (the old client: 27 429s and 20 calls during Retry-After for this shape)
        assertThat(emulator.stats().callsDuringRetryAfter()).as(stats).isLessThanOrEqualTo(CONCURRENCY - 1);
        assertThat(emulator.stats().callsWithStatus(200)).as(stats).isEqualTo(32);
    }

    @Test
    void oneCallInFlightNeverCallsDuringRetryAfter() throws IOException {
        app.with("enricher.concurrency", "1");
        emulator.controls().syntheticCatalog(true);
        emulator.controls().rateLimit(10, Duration.ofSeconds(10), Duration.ofSeconds(1));
        app.drop("window.txt", distinctIds(750)); // 15 calls of 50

        assertThat(app.runOnce()).isZero();

        String stats = emulator.stats().toString();
        assertThat(app.lines("window.jsonl")).hasSize(750);
        assertThat(emulator.stats().callsDuringRetryAfter()).as(stats).isZero();
        assertThat(emulator.stats().callsWithStatus(429)).as(stats).isLessThanOrEqualTo(5);
    }

    static List<String> distinctIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder id = new StringBuilder("7rate");
            long v = 1_000_003L * (i + 1);
            while (id.length() < 22) {
                id.append(BASE62.charAt((int) (v % 62)));
                v = v / 62 + 7 * i + 13;
            }
            ids.add(id.toString());
        }
        assertThat(ids).doesNotHaveDuplicates();
        return ids;
    }
}
