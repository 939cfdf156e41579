package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spotify's answers are kept, "no such artist" included (enricher.cache.not-found-ttl): a re-run of
 * the same input asks Spotify nothing.
 */
class NothingAskedTwiceTest extends EmulatorTest {

    @Test
    void aReRunOfAFileWithUnknownIdsMakesNoCallAtAllAndWritesTheSame() throws IOException {
        List<String> input = new ArrayList<>(catalogIds().subList(0, 80));
        List<String> unknown = List.of("0000000000000000000000", "zzzzzzzzzzzzzzzzzzzzzz", "0123456789abcdefABCDEF");
        input.addAll(20, unknown);
        app.drop("mixed.txt", input);

        assertThat(app.runOnce()).isZero();
        byte[] artists = Files.readAllBytes(app.out("mixed.jsonl"));
        byte[] rejects = Files.readAllBytes(app.out("mixed.rejects.jsonl"));
        assertThat(FileEnrichmentTest.jsonLines(app.out("mixed.rejects.jsonl")))
                .extracting(r -> r.path("reason").asText()).containsOnly("not_found").hasSize(3);
        assertThat(emulator.stats().apiCalls()).isEqualTo(2);

        emulator.stats().reset();
        Files.move(app.inbox.resolve(".done/mixed.txt"), app.inbox.resolve("mixed.txt"));
        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().apiCalls()).isZero();
        assertThat(Files.readAllBytes(app.out("mixed.jsonl"))).isEqualTo(artists);
        assertThat(Files.readAllBytes(app.out("mixed.rejects.jsonl"))).isEqualTo(rejects);
        assertThat(FileEnrichmentTest.jsonLines(app.out("mixed.summary.json")).get(0).path("apiCalls").asInt()).isZero();
    }

    @Test
    void anUnknownIdOfASingleCallIsKeptToo() throws IOException {
        app.with("enricher.batch-size", "1");
        List<String> input = List.of(catalogIds().get(0), "0000000000000000000000");
        app.drop("single.txt", input);
        assertThat(app.runOnce()).isZero();
        assertThat(emulator.stats().callsWithStatus(404)).isEqualTo(1);

        emulator.stats().reset();
        Files.move(app.inbox.resolve(".done/single.txt"), app.inbox.resolve("single.txt"));
        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().apiCalls()).isZero();
        assertThat(FileEnrichmentTest.jsonLines(app.out("single.rejects.jsonl")))
                .extracting(r -> r.path("reason").asText()).containsExactly("not_found");
    }

    @Test
    void aNotFoundAnswerOlderThanItsTtlIsAskedAgain() throws IOException {
        app.with("enricher.cache.not-found-ttl", "0s");
        app.drop("stale.txt", List.of(catalogIds().get(0), "0000000000000000000000"));
        assertThat(app.runOnce()).isZero();

        emulator.stats().reset();
        Files.move(app.inbox.resolve(".done/stale.txt"), app.inbox.resolve("stale.txt"));
        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
        assertThat(emulator.stats().idsRequested()).isEqualTo(1);
    }
}
