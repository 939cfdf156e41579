package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outputs appear complete or not at all, and a stop in the middle of a file loses nothing. */
class RestartAndAtomicityTest extends EmulatorTest {

    private static List<String> input;

    @BeforeAll
    static void chooseInput() {
        input = emulator.catalog().ids().subList(0, 300);
    }

    @BeforeEach
    void setUp() throws IOException {
        emulator.controls().latency(Duration.ofMillis(30));
        app.with("enricher.batch-size", "10").with("enricher.concurrency", "1");
    }

    private static List<String> expected() {
        return artistLines(input);
    }

    @Test
    void noOutputEverAppearsPartialUnderItsFinalName() throws IOException {
        app.drop("atomic.txt", input);
        Path jsonl = app.out("atomic.jsonl");

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(app::runOnce);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (Files.exists(jsonl)) {
                assertThat(Files.readAllLines(jsonl)).hasSize(input.size());
            }
            return run.isDone();
        });

        assertThat(run.join()).isZero();
        assertThat(app.lines("atomic.jsonl")).containsExactlyElementsOf(expected());
    }

    @Test
    void aDaemonStoppedMidFileLeavesTheInputInTheInboxAndTheNextStartCompletesIt() throws IOException {
        // the graceful stop gives in-flight work 1 s; the file needs about 3 s more
        app.with("camel.main.shutdown-timeout", "1");
        emulator.controls().latency(Duration.ofMillis(100));
        app.drop("interrupted.txt", input);
        app.startDaemon();
        await().atMost(Duration.ofSeconds(30)).until(() -> emulator.stats().idsServed() >= 100);

        app.stopDaemon();

        assertThat(emulator.stats().idsServed()).isLessThan(input.size());
        assertThat(app.inbox.resolve("interrupted.txt")).exists();
        assertThat(app.out("interrupted.jsonl")).doesNotExist();
        assertThat(app.out("interrupted.summary.json")).doesNotExist();
        emulator.controls().latency(Duration.ZERO);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("interrupted.jsonl")).containsExactlyElementsOf(expected());
        assertThat(app.inbox.resolve(".done/interrupted.txt")).exists();
        assertThat(emulator.stats().servedIds()).hasSize(input.size());
    }
}
