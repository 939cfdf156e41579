package dev.artistenricher.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"list.txt", "../../etc/passwd.txt", "/abs/path/list.txt", "..txt", "a..b.csv", "no-extension", "x/../../y.json"})
    void everyOutputStaysDirectlyInTheOutbox(String inputName) {
        Path outbox = Path.of("/srv/outbox");

        OutboxPaths paths = OutboxPaths.of(outbox, inputName);

        for (Path p : new Path[] {paths.artists(), paths.rejects(), paths.summary(), paths.error()}) {
            assertThat(p.normalize().getParent()).isEqualTo(outbox);
        }
    }

    @org.junit.jupiter.api.Test
    void theBaseNameDropsOnlyTheLastExtension() {
        assertThat(OutboxPaths.of(Path.of("/o"), "weekly.artists.csv").artists()).isEqualTo(Path.of("/o/weekly.artists.jsonl"));
        assertThat(OutboxPaths.of(Path.of("/o"), "weekly.artists.csv").rejects()).isEqualTo(Path.of("/o/weekly.artists.rejects.jsonl"));
    }
}
