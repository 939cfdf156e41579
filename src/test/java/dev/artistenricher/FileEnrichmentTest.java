package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drop-folder path end to end: files in, the exact SPEC.md outputs out, against the emulator over HTTP. */
class FileEnrichmentTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "zzzzzzzzzzzzzzzzzzzzzz";

    private static List<String> ids;

    @BeforeAll
    static void chooseInput() {
        ids = emulator.catalog().ids();
        assertThat(emulator.catalog().contains(UNKNOWN)).isFalse();
    }

    private static String artist(String id) {
        return artistLine(id);
    }

    @Test
    void enrichesAMixedFileIntoExactlyTheSpecifiedOutputs() throws IOException {
        String a = ids.get(0);
        String b = ids.get(1);
        String c = ids.get(2);
        app.drop("mixed.txt", List.of(
                "# artists for the weekly report",
                a,
                "",
                "spotify:artist:" + b,
                "not-an-id",
                "  https://open.spotify.com/intl-de/artist/" + c + "?si=1f2e3d  ",
                a,
                UNKNOWN));

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("mixed.jsonl")).containsExactly(artist(a), artist(b), artist(c));
        List<JsonNode> rejects = jsonLines(app.out("mixed.rejects.jsonl"));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).toString()).isEqualTo(
                "{\"line\":5,\"input\":\"not-an-id\",\"reason\":\"invalid_id\",\"detail\":\"not a Spotify artist ID, URI or URL\"}");
        assertThat(rejects.get(1).path("line").asInt()).isEqualTo(8);
        assertThat(rejects.get(1).path("input").asText()).isEqualTo(UNKNOWN);
        assertThat(rejects.get(1).path("reason").asText()).isEqualTo("not_found");

        JsonNode summary = JSON.readTree(app.out("mixed.summary.json").toFile());
        List<String> fields = new ArrayList<>();
        summary.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("source", "lines", "ids", "unique", "enriched", "rejected", "apiCalls", "startedAt", "durationMs");
        assertThat(summary.path("source").asText()).isEqualTo("mixed.txt");
        assertThat(summary.path("lines").asInt()).isEqualTo(8);
        assertThat(summary.path("ids").asInt()).isEqualTo(5);
        assertThat(summary.path("unique").asInt()).isEqualTo(4);
        assertThat(summary.path("enriched").asInt()).isEqualTo(3);
        assertThat(summary.path("rejected").asInt()).isEqualTo(2);
        assertThat(summary.path("apiCalls").asInt()).isEqualTo(1);

        assertThat(app.inbox.resolve(".done/mixed.txt")).exists();
        assertThat(app.inbox.resolve("mixed.txt")).doesNotExist();
        assertThat(emulator.stats().batchCalls()).isEqualTo(1);
        assertThat(emulator.stats().idsRequested()).isEqualTo(4);
        assertThat(hiddenLeftovers()).isEmpty();
    }

    @Test
    void keepsOrderOfFirstAppearanceAcrossManyParallelBatchesWithMinimalCalls() throws IOException {
        emulator.controls().latency(java.time.Duration.ofMillis(20));
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            input.add(ids.get((i * 7) % ids.size()));
        }
        app.drop("big.txt", input);

        assertThat(app.runOnce()).isZero();

        List<String> expected = input.stream().distinct().map(FileEnrichmentTest::artist).toList();
        assertThat(app.lines("big.jsonl")).containsExactlyElementsOf(expected);
        long unique = input.stream().distinct().count();
        assertThat(emulator.stats().apiCalls()).isEqualTo((unique + 49) / 50);
        assertThat(app.out("big.rejects.jsonl")).doesNotExist();
    }

    @Test
    void aLongFileAtConcurrencyOneRunsToTheEndWithoutReadingAhead() throws IOException {
        // thousands of batches through one thread, and --once must wait for all of them: a graceful
        // stop that only waits 1 s would cut the file short if an idle poll ended the run early
        emulator.controls().syntheticCatalog(true);
        app.with("enricher.batch-size", "10").with("enricher.concurrency", "1").with("camel.main.shutdown-timeout", "1");
        java.util.Random random = new java.util.Random(3);
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int c = 0; c < 22; c++) {
                id.append(alphabet.charAt(random.nextInt(62)));
            }
            input.add(id.toString());
        }
        app.drop("long.txt", input);

        assertThat(app.runOnce()).isZero();

        List<String> out = app.lines("long.jsonl");
        assertThat(out).hasSize(input.size());
        assertThat(JSON.readTree(out.get(out.size() - 1)).path("id").asText()).isEqualTo(input.get(input.size() - 1));
        assertThat(emulator.stats().batchCalls()).isEqualTo(2000);
    }

    @Test
    void batchSizeOneUsesTheSingleArtistEndpoint() throws IOException {
        app.with("enricher.batch-size", "1");
        app.drop("few.txt", List.of(ids.get(3), ids.get(4), UNKNOWN, ids.get(3)));

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("few.jsonl")).containsExactly(artist(ids.get(3)), artist(ids.get(4)));
        assertThat(jsonLines(app.out("few.rejects.jsonl"))).singleElement()
                .satisfies(r -> assertThat(r.path("reason").asText()).isEqualTo("not_found"));
        assertThat(emulator.stats().batchCalls()).isZero();
        assertThat(emulator.stats().singleCalls()).isEqualTo(3);
    }

    @Test
    void developmentModeSwitchesToSingleCallsAndLosesNothing() throws IOException {
        emulator.controls().developmentMode(true);
        List<String> input = ids.subList(10, 130);
        app.drop("dev.txt", input);

        assertThat(app.runOnce()).isZero();

        List<String> out = app.lines("dev.jsonl");
        assertThat(out).hasSize(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode artist = JSON.readTree(out.get(i));
            assertThat(artist.path("id").asText()).isEqualTo(input.get(i));
            assertThat(artist.has("followers") || artist.has("popularity") || artist.has("genres")).isFalse();
        }
        assertThat(emulator.stats().callsWithStatus(403)).isGreaterThanOrEqualTo(1);
        assertThat(emulator.stats().singleCalls()).isEqualTo(input.size());
    }

    @Test
    void readsCsvByItsIdColumn() throws IOException {
        app.drop("list.csv", "name,Artist_ID,notes\r\nfirst," + ids.get(5) + ",x\r\nsecond,\"spotify:artist:" + ids.get(6)
                + "\",y\r\nthird,bogus,z\r\n");

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("list.jsonl")).containsExactly(artist(ids.get(5)), artist(ids.get(6)));
        assertThat(jsonLines(app.out("list.rejects.jsonl"))).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("line").asInt()).isEqualTo(4);
                    assertThat(r.path("input").asText()).isEqualTo("bogus");
                });
    }

    @Test
    void readsJsonArraysAndJsonLines() throws IOException {
        app.drop("array.json", "[\"" + ids.get(7) + "\", {\"id\": \"" + ids.get(8) + "\"},\n 42]");
        app.drop("lines.jsonl", "\"" + ids.get(9) + "\"\n{\"id\":\"https://open.spotify.com/artist/" + ids.get(10) + "\"}\n{broken\n");

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("array.jsonl")).containsExactly(artist(ids.get(7)), artist(ids.get(8)));
        assertThat(jsonLines(app.out("array.rejects.jsonl"))).singleElement()
                .satisfies(r -> assertThat(r.path("line").asInt()).isEqualTo(2));
        assertThat(app.lines("lines.jsonl")).containsExactly(artist(ids.get(9)), artist(ids.get(10)));
        assertThat(jsonLines(app.out("lines.rejects.jsonl"))).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("line").asInt()).isEqualTo(3);
                    assertThat(r.path("detail").asText()).isEqualTo("not valid JSON");
                });
    }

    @Test
    void aBinaryFileGoesToErrorWithItsReasonAndTheRunGoesOn() throws IOException {
        Files.write(app.inbox.resolve("archive.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 8, 0});
        app.drop("good.txt", List.of(ids.get(11)));

        assertThat(app.runOnce()).isEqualTo(1);

        assertThat(app.inbox.resolve(".error/archive.txt")).exists();
        JsonNode error = JSON.readTree(app.out("archive.error.json").toFile());
        assertThat(error.path("reason").asText()).isEqualTo("not a text file (binary content)");
        assertThat(app.out("archive.jsonl")).doesNotExist();
        assertThat(app.lines("good.jsonl")).containsExactly(artist(ids.get(11)));
    }

    @Test
    void processingTheSameInputAgainGivesTheSameOutputByteForByte() throws IOException {
        List<String> input = new ArrayList<>(ids.subList(20, 90));
        input.add(UNKNOWN);
        app.drop("again.txt", input);
        assertThat(app.runOnce()).isZero();
        byte[] first = Files.readAllBytes(app.out("again.jsonl"));

        app.drop("again.txt", input);
        assertThat(app.runOnce()).isZero();

        assertThat(Files.readAllBytes(app.out("again.jsonl"))).isEqualTo(first);
    }

    @Test
    void hiddenFilesAndOtherEndingsAreLeftAlone() throws IOException {
        app.drop(".hidden.txt", List.of(ids.get(0)));
        app.drop("notes.md", List.of(ids.get(0)));

        assertThat(app.runOnce()).isZero();

        assertThat(app.inbox.resolve(".hidden.txt")).exists();
        assertThat(app.inbox.resolve("notes.md")).exists();
        assertThat(emulator.stats().apiCalls()).isZero();
    }

    private List<String> hiddenLeftovers() throws IOException {
        try (var files = Files.list(app.outbox)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
