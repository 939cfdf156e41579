package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watch lists on a schedule, the whole application against the emulator: rounds on a fast cron, dated
 * snapshots and exactly the changes the emulator made, revalidation with ETags (304), a round owed at
 * start-up, retention, and the exit codes of {@code --snapshot}.
 */
class ScheduledSnapshotsTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Path lists;
    private Path snapshots;

    @BeforeEach
    void watchListFolder() throws IOException {
        lists = Files.createDirectories(dir.resolve("watchlists"));
        snapshots = app.outbox.resolve("snapshots");
        app.with("enricher.schedule.lists", lists.toString());
    }

    private void watchList(String name, List<String> lines) throws IOException {
        Files.writeString(lists.resolve(name), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** The snapshot stamps of a list, oldest first. */
    private List<String> stamps(String list) throws IOException {
        Path folder = snapshots.resolve(list);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{8}T\\d{6}Z\\.summary\\.json"))
                    .map(n -> n.substring(0, 16)).sorted().toList();
        }
    }

    private List<String> snapshotLines(String list, String stamp, String ending) throws IOException {
        return Files.readAllLines(snapshots.resolve(list).resolve(stamp + ending), StandardCharsets.UTF_8);
    }

    private JsonNode summary(String list, String stamp) throws IOException {
        return JSON.readTree(snapshots.resolve(list).resolve(stamp + ".summary.json").toFile());
    }

    private static JsonNode artist(String id) throws IOException {
        return JSON.readTree(artistLine(id));
    }

    @Test
    void aFastCronWritesSnapshotsAndExactlyTheChangesTheEmulatorMade() throws IOException {
        List<String> ids = catalogIds().subList(0, 6);
        watchList("favourites.txt", ids);
        app.with("enricher.schedule.cron", "0/2 * * * * ?");
        app.startDaemon();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> stamps("favourites").size() >= 1);
            String first = stamps("favourites").get(0);
            assertThat(snapshotLines("favourites", first, ".jsonl")).containsExactlyElementsOf(artistLines(ids));
            assertThat(snapshots.resolve("favourites").resolve(first + ".changes.jsonl")).doesNotExist();

            emulator.controls().changePopularity(ids.get(1), 3);
            emulator.controls().changeFollowers(ids.get(2), 12345);
            emulator.controls().renameArtist(ids.get(4), "Renamed Band");
            await().atMost(Duration.ofSeconds(30)).until(() -> stamps("favourites").size() >= 2);
            String second = stamps("favourites").get(1);

            JsonNode popular = artist(ids.get(1));
            JsonNode followed = artist(ids.get(2));
            JsonNode renamed = artist(ids.get(4));
            assertThat(snapshotLines("favourites", second, ".changes.jsonl")).containsExactly(
                    "{\"id\":\"" + ids.get(1) + "\",\"name\":" + popular.get("name") + ",\"change\":\"changed\","
                            + "\"fields\":{\"popularity\":[" + popular.get("popularity") + ",3]}}",
                    "{\"id\":\"" + ids.get(2) + "\",\"name\":" + followed.get("name") + ",\"change\":\"changed\","
                            + "\"fields\":{\"followers.total\":[" + followed.path("followers").get("total") + ",12345]}}",
                    "{\"id\":\"" + ids.get(4) + "\",\"name\":\"Renamed Band\",\"change\":\"changed\","
                            + "\"fields\":{\"name\":[" + renamed.get("name") + ",\"Renamed Band\"]}}");
            assertThat(JSON.readTree(snapshotLines("favourites", second, ".jsonl").get(1)).get("popularity").asInt()).isEqualTo(3);
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
    }

    @Test
    void anUnchangedListIsRevalidatedWithEtagsAndEveryCallIsA304() throws IOException {
        List<String> ids = catalogIds().subList(0, 120);
        watchList("many.txt", ids);
        // the drop folder fills the store first: a round still asks Spotify (afresh, not from the TTL)
        app.drop("many.txt", ids);
        assertThat(app.runOnce()).isZero();
        emulator.stats().reset();

        assertThat(app.run("--snapshot")).isZero();
        String first = stamps("many").get(0);
        assertThat(emulator.stats().batchCalls()).isEqualTo(3);
        assertThat(emulator.stats().callsWithStatus(304)).isZero();
        assertThat(summary("many", first).get("apiCalls").asInt()).isEqualTo(3);
        assertThat(summary("many", first).get("notModified").asInt()).isZero();

        emulator.stats().reset();
        assertThat(app.run("--snapshot")).isZero();
        String second = stamps("many").get(1);
        assertThat(emulator.stats().callsWithStatus(304)).isEqualTo(3);
        assertThat(emulator.stats().idsServed()).isZero();
        assertThat(summary("many", second).get("apiCalls").asInt()).isEqualTo(3);
        assertThat(summary("many", second).get("notModified").asInt()).isEqualTo(3);
        assertThat(snapshotLines("many", second, ".jsonl")).containsExactlyElementsOf(artistLines(ids));
        assertThat(snapshotLines("many", second, ".changes.jsonl")).isEmpty();

        // one artist of the second batch changes: that batch answers 200, the other two 304
        emulator.stats().reset();
        emulator.controls().changePopularity(ids.get(70), 1);
        assertThat(app.run("--snapshot")).isZero();
        String third = stamps("many").get(2);
        assertThat(emulator.stats().callsWithStatus(304)).isEqualTo(2);
        assertThat(emulator.stats().callsWithStatus(200)).isEqualTo(1);
        assertThat(summary("many", third).get("notModified").asInt()).isEqualTo(2);
        assertThat(snapshotLines("many", third, ".changes.jsonl")).singleElement().asString()
                .startsWith("{\"id\":\"" + ids.get(70) + "\"").endsWith("\"fields\":{\"popularity\":["
                        + artist(ids.get(70)).get("popularity") + ",1]}}");
    }

    @Test
    void aDevelopmentModeAppGetsNoInventedChanges() throws IOException {
        List<String> ids = catalogIds().subList(10, 14);
        watchList("dev.txt", ids);
        assertThat(app.run("--snapshot")).isZero();
        // the same artists without followers, popularity and genres: nothing changed that both returned
        emulator.controls().developmentMode(true);
        assertThat(app.run("--snapshot")).isZero();

        List<String> stamps = stamps("dev");
        assertThat(snapshotLines("dev", stamps.get(1), ".jsonl")).containsExactlyElementsOf(
                ids.stream().map(id -> artistLine(id, true)).toList());
        assertThat(snapshotLines("dev", stamps.get(1), ".changes.jsonl")).isEmpty();
    }

    @Test
    void artistsThatAppearOrDisappearAreListed() throws IOException {
        List<String> ids = catalogIds().subList(20, 24);
        watchList("moves.txt", ids);
        assertThat(app.run("--snapshot")).isZero();
        watchList("moves.txt", List.of(ids.get(0), ids.get(2), ids.get(3), catalogIds().get(30)));
        assertThat(app.run("--snapshot")).isZero();

        String second = stamps("moves").get(1);
        assertThat(snapshotLines("moves", second, ".changes.jsonl")).containsExactly(
                "{\"id\":\"" + catalogIds().get(30) + "\",\"name\":" + artist(catalogIds().get(30)).get("name") + ",\"change\":\"appeared\"}",
                "{\"id\":\"" + ids.get(1) + "\",\"name\":" + artist(ids.get(1)).get("name") + ",\"change\":\"disappeared\"}");
    }

    @Test
    void aRoundMissedWhileTheApplicationWasDownRunsOnceAtStart() throws IOException {
        watchList("missed.txt", catalogIds().subList(0, 3));
        Files.createDirectories(snapshots);
        Instant lastRound = Instant.now().minus(Duration.ofHours(5));
        Files.writeString(snapshots.resolve(".last-round"), lastRound + "\n");
        // hourly: five triggers were missed, one round is owed
        app.with("enricher.schedule.cron", "0 0 * * * ?");
        app.startDaemon();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.parse(
                    Files.readString(snapshots.resolve(".last-round")).strip()).isAfter(lastRound));
            assertThat(stamps("missed")).hasSize(1);
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
        assertThat(stamps("missed")).hasSize(1);
    }

    @Test
    void aRoundParkedByTheQuotaRunsAgainWhenTheParkEndsRevalidatingWhatItHadFetched() throws IOException {
        List<String> ids = catalogIds().subList(0, 150);
        watchList("parked.txt", ids);
        Files.createDirectories(snapshots);
        Files.writeString(snapshots.resolve(".last-round"), Instant.now().minus(Duration.ofDays(2)) + "\n");
        // one call at a time: the third call of the round meets the quota (60 artists), for 2 s
        emulator.controls().quota(60, Duration.ofSeconds(2));
        app.with("enricher.schedule.cron", "0 0 3 * * ?").with("enricher.concurrency", "1").with("enricher.max-inline-wait", "1s");
        app.startDaemon();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> stamps("parked").size() == 1);
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
        String stamp = stamps("parked").get(0);
        assertThat(snapshotLines("parked", stamp, ".jsonl")).containsExactlyElementsOf(artistLines(ids));
        // the two calls answered before the park are 304s the second time: no quota spent on them
        assertThat(summary("parked", stamp).get("notModified").asInt()).isEqualTo(2);
        assertThat(emulator.stats().callsWithStatus(429)).isGreaterThanOrEqualTo(1);
        assertThat(emulator.stats().callsWithStatus(304)).isEqualTo(2);
    }

    @Test
    void onlyTheNewestSnapshotsAreKept() throws IOException {
        watchList("kept.txt", catalogIds().subList(0, 2));
        app.with("enricher.schedule.keep", "2");
        for (int round = 0; round < 3; round++) {
            assertThat(app.run("--snapshot")).isZero();
        }
        List<String> stamps = stamps("kept");
        assertThat(stamps).hasSize(2);
        try (Stream<Path> files = Files.list(snapshots.resolve("kept"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
                    stamps.get(0) + ".changes.jsonl", stamps.get(0) + ".jsonl", stamps.get(0) + ".summary.json",
                    stamps.get(1) + ".changes.jsonl", stamps.get(1) + ".jsonl", stamps.get(1) + ".summary.json");
        }
    }

    @Test
    void snapshotExitsWith75WhenParkedAndLeavesNoPartialSnapshot() throws IOException {
        watchList("quota.txt", catalogIds().subList(0, 3));
        emulator.controls().quota(0, Duration.ofHours(6));
        assertThat(app.run("--snapshot")).isEqualTo(75);
        assertThat(app.stderr()).contains("Spotify rate limit: retry after ");
        assertThat(stamps("quota")).isEmpty();
        assertThat(snapshots.resolve(".last-round")).doesNotExist();
    }

    @Test
    void snapshotExitsWith1WhenAListFails() throws IOException {
        watchList("good.txt", catalogIds().subList(0, 2));
        Files.write(lists.resolve("binary.txt"), new byte[] {0, 1, 2, 3, 0, 0, (byte) 0xff, 10});
        assertThat(app.run("--snapshot")).isEqualTo(1);
        assertThat(snapshots.resolve(".last-round")).doesNotExist();
        assertThat(stamps("binary")).isEmpty();
    }

    @Test
    void anInvalidCronStopsTheStartNamingTheKey() {
        app.with("enricher.schedule.cron", "every night");
        assertThat(app.run()).isEqualTo(App.EXIT_CONFIG);
        assertThat(app.stderr()).startsWith("enricher.schedule.cron is not a Quartz cron expression");
    }
}
