package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.support.EmulatorTest;
import dev.artistenricher.support.EnricherHarness;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of a file: nothing lost, nothing duplicated, and the restart only makes the missing calls. */
class KillSafetyTest extends EmulatorTest {

    @Test
    void aProcessKilledMidFileIsRedoneOnRestartWithEachIdExactlyOnce() throws Exception {
        emulator.controls().latency(Duration.ofMillis(40));
        app
                .with("enricher.batch-size", "10")
                .with("enricher.concurrency", "1");
        List<String> input = emulator.catalog().ids().subList(0, 300);
        app.drop("killed.txt", input);

        Path childTmp = Files.createDirectories(app.inbox.getParent().resolve("child-tmp"));
        Process child = startChildJvm(app, childTmp);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulator.stats().idsServed() >= 100);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> servedBeforeKill = new HashSet<>(emulator.stats().servedIds());
        assertThat(servedBeforeKill.size()).isLessThan(input.size());
        assertThat(app.out("killed.jsonl")).doesNotExist();
        assertThat(app.inbox.resolve("killed.txt")).exists();
        try (var left = Files.list(childTmp)) {
            // RocksDB's native library (15 MB) is unpacked beside the store, not left in the temp folder
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("rocksdb"));
        }
        emulator.stats().reset();
        emulator.controls().latency(Duration.ZERO);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("killed.jsonl")).containsExactlyElementsOf(artistLines(input));
        Set<String> servedAgain = new HashSet<>(emulator.stats().servedIds());
        servedAgain.retainAll(servedBeforeKill);
        // every stored answer went through the store's write-ahead log: only answers not stored yet
        // are asked for again, the call in flight and at most one answered just before (10 IDs each)
        assertThat(servedAgain.size()).isLessThanOrEqualTo(20);
        assertThat(emulator.stats().idsServed()).isLessThanOrEqualTo(input.size() - servedBeforeKill.size() + 20);
    }

    @Test
    void unknownIdsAnsweredBeforeAKillAreNotAskedAgain() throws Exception {
        emulator.controls().latency(Duration.ofMillis(40));
        app
                .with("enricher.batch-size", "10")
                .with("enricher.concurrency", "1");
        List<String> unknown = RateLimitLearningTest.distinctIds(1000); // none of them in the catalog
        app.drop("unknown.txt", unknown);

        Process child = startChildJvm(app, Files.createDirectories(app.inbox.getParent().resolve("child-tmp")));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> emulator.stats().idsRequested() >= 300);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long askedBeforeKill = emulator.stats().idsRequested();
        assertThat(askedBeforeKill).isLessThan(unknown.size());
        emulator.stats().reset();
        emulator.controls().latency(Duration.ZERO);

        assertThat(app.runOnce()).isZero();

        assertThat(FileEnrichmentTest.jsonLines(app.out("unknown.rejects.jsonl"))).hasSize(unknown.size())
                .allSatisfy(r -> assertThat(r.path("reason").asText()).isEqualTo("not_found"));
        // "no such artist" is stored like an artist: only the call in flight at the kill, and at most
        // one answered just before it, are asked again (10 IDs each)
        assertThat(emulator.stats().idsRequested()).isLessThanOrEqualTo(unknown.size() - askedBeforeKill + 20);
    }

    private static Process startChildJvm(EnricherHarness app, Path tmp) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Djava.io.tmpdir=" + tmp);
        app.properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(App.class.getName());
        command.add("--once");
        File log = Files.createTempFile("child", ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
