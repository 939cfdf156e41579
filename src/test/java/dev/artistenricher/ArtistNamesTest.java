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
import org.junit.jupiter.api.Test;

/**
 * Artist names resolved to artists through {@code GET /v1/search}, the whole application against the
 * emulator: matching, ties, rejects with candidates, the outputs, the store and the limit.
 */
class ArtistNamesTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RADIOHEAD = "4Z8W4fKeB5YxbusRsdQVPb";

    /** The catalog ID of the artist with this name and follower count. */
    private static String idOf(String name, long followers) throws IOException {
        for (String id : catalogIds()) {
            JsonNode artist = JSON.readTree(artistLine(id));
            if (artist.path("name").asText().equals(name) && artist.path("followers").path("total").asLong() == followers) {
                return id;
            }
        }
        throw new AssertionError("no " + name + " with " + followers + " followers in the catalog");
    }

    private static String idOf(String name) throws IOException {
        String found = null;
        for (String id : catalogIds()) {
            if (JSON.readTree(artistLine(id)).path("name").asText().equals(name)) {
                assertThat(found).as("one artist named " + name).isNull();
                found = id;
            }
        }
        assertThat(found).as("an artist named " + name).isNotNull();
        return found;
    }

    private List<JsonNode> json(String outboxFile) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : app.lines(outboxFile)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void resolvesNamesAmongIdsIntoTheSpecifiedOutputs() throws IOException {
        String zoe = idOf("Zoé Ferreira");
        String guns = idOf("Guns N' Lanterns");
        String other = catalogIds().get(7);
        app.drop("mixed.txt", List.of(
                "name:Radiohead",
                other,
                "NAME:  zoe ferreira  ",
                "name:GUNS N LANTERNS!",
                "name:",
                "name:Mirror Lake"));

        assertThat(app.runOnce()).isZero();

        String mirrorLake = idOf("Mirror Lake", 412870);
        assertThat(app.lines("mixed.jsonl")).containsExactly(artistLine(RADIOHEAD), artistLine(other),
                artistLine(zoe), artistLine(guns), artistLine(mirrorLake));
        assertThat(app.lines("mixed.matches.jsonl")).containsExactly(
                "{\"line\":1,\"input\":\"name:Radiohead\",\"name\":\"Radiohead\",\"id\":\"" + RADIOHEAD + "\",\"match\":\"exact\"}",
                "{\"line\":3,\"input\":\"NAME:  zoe ferreira\",\"name\":\"zoe ferreira\",\"id\":\"" + zoe + "\",\"match\":\"exact\"}",
                "{\"line\":4,\"input\":\"name:GUNS N LANTERNS!\",\"name\":\"GUNS N LANTERNS!\",\"id\":\"" + guns + "\",\"match\":\"exact\"}",
                "{\"line\":6,\"input\":\"name:Mirror Lake\",\"name\":\"Mirror Lake\",\"id\":\"" + mirrorLake + "\",\"match\":\"followers\"}");
        assertThat(app.lines("mixed.rejects.jsonl")).containsExactly(
                "{\"line\":5,\"input\":\"name:\",\"reason\":\"invalid_id\",\"detail\":\"name: without an artist name\"}");
        JsonNode summary = JSON.readTree(app.out("mixed.summary.json").toFile());
        assertThat(summary.path("lines").asInt()).isEqualTo(6);
        assertThat(summary.path("ids").asInt()).isEqualTo(1);
        assertThat(summary.path("unique").asInt()).isEqualTo(1);
        assertThat(summary.path("names").asInt()).isEqualTo(4);
        assertThat(summary.path("enriched").asInt()).isEqualTo(5);
        assertThat(summary.path("rejected").asInt()).isEqualTo(1);
        assertThat(summary.path("apiCalls").asInt()).isEqualTo(5); // 4 searches and one batch
        assertThat(emulator.stats().searchCalls()).isEqualTo(4);
        assertThat(emulator.stats().searchQueries()).containsExactlyInAnyOrder("Radiohead", "zoe ferreira",
                "GUNS N LANTERNS!", "Mirror Lake");
        assertThat(emulator.stats().batchCalls()).isEqualTo(1);
    }

    @Test
    void aTieIsBrokenByPopularityWhenTheFollowersAreEqual() throws IOException {
        app.drop("tie.txt", List.of("name:nightjar"));

        assertThat(app.runOnce()).isZero();

        String popular = idOfMorePopular("Nightjar");
        assertThat(JSON.readTree(artistLine(popular)).path("followers").path("total").asLong()).isEqualTo(15200);
        assertThat(json("tie.matches.jsonl")).singleElement().satisfies(match -> {
            assertThat(match.path("id").asText()).isEqualTo(popular);
            assertThat(match.path("match").asText()).isEqualTo("popularity");
        });
        assertThat(app.lines("tie.jsonl")).containsExactly(artistLine(popular));
    }

    private static String idOfMorePopular(String name) {
        String best = null;
        int most = -1;
        for (String id : catalogIds()) {
            try {
                JsonNode artist = JSON.readTree(artistLine(id));
                if (artist.path("name").asText().equals(name) && artist.path("popularity").asInt() > most) {
                    most = artist.path("popularity").asInt();
                    best = id;
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return best;
    }

    @Test
    void namesNothingTellsApartAreRejectedAsAmbiguousWithTheirCandidates() throws IOException {
        app.drop("echo.txt", List.of("name:Echo Park"));

        assertThat(app.runOnce()).isZero();

        JsonNode reject = json("echo.rejects.jsonl").get(0);
        assertThat(reject.path("line").asInt()).isEqualTo(1);
        assertThat(reject.path("input").asText()).isEqualTo("name:Echo Park");
        assertThat(reject.path("reason").asText()).isEqualTo("ambiguous_name");
        assertThat(reject.path("detail").isTextual()).isTrue();
        JsonNode candidates = JSON.readTree(reject.path("detail").asText());
        assertThat(candidates).hasSize(2);
        List<String> ids = new ArrayList<>();
        for (JsonNode candidate : candidates) {
            List<String> fields = new ArrayList<>();
            candidate.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("id", "name", "genres");
            assertThat(candidate.path("name").asText()).isEqualTo("Echo Park");
            ids.add(candidate.path("id").asText());
        }
        assertThat(ids).doesNotHaveDuplicates().allMatch(catalogIds()::contains);
        assertThat(candidates.toString()).contains("garage rock", "bossa nova");
        assertThat(app.lines("echo.jsonl")).isEmpty();
        // a file with names has its matches file, empty when nothing matched
        assertThat(app.lines("echo.matches.jsonl")).isEmpty();
    }

    @Test
    void aNameWithoutAnArtistOfThatNameIsNotFoundWithTheTopCandidates() throws IOException {
        app.drop("none.txt", List.of("name:Mirror", "name:Nobody Ever Called This"));

        assertThat(app.runOnce()).isZero();

        List<JsonNode> rejects = json("none.rejects.jsonl");
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).path("reason").asText()).isEqualTo("not_found");
        JsonNode candidates = JSON.readTree(rejects.get(0).path("detail").asText());
        assertThat(candidates.size()).isBetween(3, 5);
        List<String> names = new ArrayList<>();
        candidates.forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).filteredOn("Mirror Lake"::equals).hasSize(2);
        assertThat(rejects.get(1).path("reason").asText()).isEqualTo("not_found");
        assertThat(rejects.get(1).path("detail").asText()).isEqualTo("[]");
        assertThat(app.out("none.jsonl")).exists();
        assertThat(app.lines("none.jsonl")).isEmpty();
    }

    @Test
    void theSameNameTwiceInAFileOrALaterRunCostsOneCall() throws IOException {
        app.drop("twice.txt", List.of("name:Radiohead", "name:radiohead", "name:RADIOHEAD."));

        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().searchCalls()).isEqualTo(1);
        assertThat(app.lines("twice.jsonl")).containsExactly(artistLine(RADIOHEAD));
        assertThat(app.lines("twice.matches.jsonl")).hasSize(1);
        assertThat(JSON.readTree(app.out("twice.summary.json").toFile()).path("names").asInt()).isEqualTo(3);

        // a later run: the name and the artist it found come from the store
        app.drop("again.csv", "artist_name,country\nRadiohead,GB\n");
        app.drop("ids.txt", List.of(RADIOHEAD));
        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().apiCalls()).as(emulator.stats().toString()).isEqualTo(1);
        assertThat(app.lines("again.jsonl")).containsExactly(artistLine(RADIOHEAD));
        assertThat(app.lines("again.matches.jsonl")).containsExactly(
                "{\"line\":2,\"input\":\"Radiohead\",\"name\":\"Radiohead\",\"id\":\"" + RADIOHEAD + "\",\"match\":\"exact\"}");
        assertThat(JSON.readTree(app.out("again.summary.json").toFile()).path("apiCalls").asInt()).isZero();
        assertThat(app.lines("ids.jsonl")).containsExactly(artistLine(RADIOHEAD));
    }

    @Test
    void anArtistGivenByNameAndByIdIsWrittenOnceWhereItFirstAppears() throws IOException {
        String zoe = idOf("Zoé Ferreira");
        String other = catalogIds().get(3);
        app.drop("both.jsonl", String.join("\n",
                "\"" + RADIOHEAD + "\"",
                "{\"name\": \"Radiohead\"}",
                "\"name:Zoé Ferreira\"",
                "{\"id\": \"" + other + "\"}",
                "\"spotify:artist:" + zoe + "\"") + "\n");

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("both.jsonl")).containsExactly(artistLine(RADIOHEAD), artistLine(zoe), artistLine(other));
        assertThat(json("both.matches.jsonl")).extracting(m -> m.path("id").asText()).containsExactly(RADIOHEAD, zoe);
        assertThat(JSON.readTree(app.out("both.summary.json").toFile()).path("enriched").asInt()).isEqualTo(3);
        assertThat(app.out("both.rejects.jsonl")).doesNotExist();
    }

    @Test
    void aCsvWithANameColumnAndNoIdColumnHoldsNames() throws IOException {
        app.drop("bands.csv", "Country,Artist,Note\nGB,Radiohead,\nIS,\"Sigrún Þórsdóttir\",accents\nXX,,blank\n");

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("bands.jsonl")).containsExactly(artistLine(RADIOHEAD), artistLine(idOf("Sigrún Þórsdóttir")));
        assertThat(json("bands.matches.jsonl")).extracting(m -> m.path("line").asInt(), m -> m.path("input").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "Radiohead"),
                        org.assertj.core.groups.Tuple.tuple(3, "Sigrún Þórsdóttir"));
        assertThat(emulator.stats().searchQueries()).containsExactlyInAnyOrder("Radiohead", "Sigrún Þórsdóttir");
        assertThat(app.out("bands.rejects.jsonl")).doesNotExist();
    }

    @Test
    void aCsvWithAnIdColumnKeepsReadingIds() throws IOException {
        app.drop("ids.csv", "name,id\nRadiohead," + RADIOHEAD + "\n");

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("ids.jsonl")).containsExactly(artistLine(RADIOHEAD));
        assertThat(emulator.stats().searchCalls()).isZero();
        assertThat(app.out("ids.matches.jsonl")).doesNotExist();
        List<String> fields = new ArrayList<>();
        JSON.readTree(app.out("ids.summary.json").toFile()).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).doesNotContain("names");
    }

    @Test
    void inDevelopmentModeATieWithoutFollowersOrPopularityIsAmbiguous() throws IOException {
        emulator.controls().developmentMode(true);
        app.drop("dev.txt", List.of("name:Mirror Lake", "name:Radiohead"));

        assertThat(app.runOnce()).isZero();

        JsonNode reject = json("dev.rejects.jsonl").get(0);
        assertThat(reject.path("reason").asText()).isEqualTo("ambiguous_name");
        JsonNode candidates = JSON.readTree(reject.path("detail").asText());
        assertThat(candidates).hasSize(2);
        candidates.forEach(c -> assertThat(c.has("genres")).isFalse());
        // the artist object of the search answer, as a Development Mode app gets it: no second call
        assertThat(app.lines("dev.jsonl")).containsExactly(artistLine(RADIOHEAD, true));
        assertThat(emulator.stats().singleCalls() + emulator.stats().batchCalls()).isZero();
    }

    @Test
    void aSearchLimitAboveTenStopsTheStartNamingTheKey() {
        app.with("enricher.search.limit", "11");

        assertThat(app.runOnce()).isEqualTo(2);

        assertThat(app.stderr()).contains("enricher.search.limit").contains("1 to 10");
        assertThat(emulator.stats().tokenRequests()).isZero();
    }

    @Test
    void theSearchAsksForTheConfiguredLimitWithTheNameEncoded() throws IOException {
        app.with("enricher.search.limit", "10");
        app.drop("limit.txt", List.of("name:Guns N' Lanterns & more?#"));

        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().searchQueries()).containsExactly("Guns N' Lanterns & more?#");
        assertThat(JSON.readTree(app.lines("limit.rejects.jsonl").get(0)).path("reason").asText()).isEqualTo("not_found");
    }

    @Test
    void aRateLimitedSearchIsSentAgainAfterItsWait() throws IOException {
        emulator.controls().tooManyRequestsNext(1, 1);
        app.drop("wait.txt", List.of("name:Radiohead"));

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("wait.jsonl")).containsExactly(artistLine(RADIOHEAD));
        assertThat(emulator.stats().searchCalls()).isEqualTo(2);
        assertThat(emulator.stats().callsDuringRetryAfter()).isZero();
    }

    @Test
    void aSearchThatKeepsFailingEndsAsAnApiErrorAndAnIdOfTheSameFileIsStillEnriched() throws IOException {
        app.with("enricher.retry.give-up-after", "400ms");
        String other = catalogIds().get(11);
        app.drop("down.txt", List.of("name:Radiohead", other));
        emulator.controls().failNext(1_000_000, 503);

        assertThat(app.runOnce()).isZero();

        List<JsonNode> rejects = json("down.rejects.jsonl");
        assertThat(rejects).extracting(r -> r.path("line").asInt(), r -> r.path("reason").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "api_error"), org.assertj.core.groups.Tuple.tuple(2, "api_error"));
        assertThat(rejects.get(0).path("detail").asText()).contains("503");
        assertThat(emulator.stats().searchCalls()).isGreaterThan(1); // retried with back-off first
        assertThat(app.lines("down.matches.jsonl")).isEmpty();
    }

    @Test
    void aRefusedTokenIsRenewedAndTheSearchSentAgain() throws IOException {
        app.drop("first.txt", List.of(catalogIds().get(12)));
        app.startDaemon();
        app.awaitFile(app.out("first.summary.json"), java.time.Duration.ofSeconds(30));
        emulator.controls().revokeTokens();
        app.drop("names.txt", List.of("name:Radiohead"));
        app.awaitFile(app.out("names.summary.json"), java.time.Duration.ofSeconds(30));
        assertThat(app.stopDaemon()).isZero();

        assertThat(app.lines("names.jsonl")).containsExactly(artistLine(RADIOHEAD));
        assertThat(emulator.stats().searchCalls()).isEqualTo(2);
        assertThat(emulator.stats().callsWithStatus(401)).isEqualTo(1);
        assertThat(emulator.stats().tokensIssued()).isEqualTo(2);
    }

    @Test
    void matchesAreWrittenUnderTheirFinalNameOnly() throws IOException {
        app.drop("atomic.txt", List.of("name:Radiohead"));

        assertThat(app.runOnce()).isZero();

        try (var files = Files.list(app.outbox)) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .containsExactlyInAnyOrder("atomic.jsonl", "atomic.matches.jsonl", "atomic.summary.json");
        }
        assertThat(Files.readString(app.out("atomic.matches.jsonl"), StandardCharsets.UTF_8)).endsWith("}\n");
    }
}
