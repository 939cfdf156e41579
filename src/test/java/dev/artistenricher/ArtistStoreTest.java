package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.support.EmulatorTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** The persistent artist store: re-runs cost no calls, the TTL is honoured, a damaged store is rebuilt. */
class ArtistStoreTest extends EmulatorTest {

    @Test
    void aRerunOfTheSameFileInANewProcessMakesNoApiCall() throws IOException {
        List<String> input = emulator.catalog().ids().subList(0, 120);
        app.drop("first.txt", input);
        assertThat(app.runOnce()).isZero();
        long calls = emulator.stats().apiCalls();
        byte[] firstOutput = Files.readAllBytes(app.out("first.jsonl"));

        app.drop("first.txt", input);
        app.drop("overlap.txt", emulator.catalog().ids().subList(100, 130));
        assertThat(app.runOnce()).isZero();

        assertThat(Files.readAllBytes(app.out("first.jsonl"))).isEqualTo(firstOutput);
        assertThat(app.lines("overlap.jsonl")).hasSize(30);
        assertThat(emulator.stats().apiCalls() - calls).isEqualTo(1); // only the 10 IDs never seen
    }

    @Test
    void anExpiredEntryIsFetchedAgain() throws IOException {
        app.with("enricher.cache.ttl", "0ms");
        app.drop("a.txt", emulator.catalog().ids().subList(0, 5));
        assertThat(app.runOnce()).isZero();
        long calls = emulator.stats().apiCalls();

        app.drop("a.txt", emulator.catalog().ids().subList(0, 5));
        assertThat(app.runOnce()).isZero();

        assertThat(emulator.stats().apiCalls() - calls).isEqualTo(1);
    }

    @Test
    void aStoreWrittenWithLeveledCompactionIsReadAsItIs() throws Exception {
        // stores of earlier versions were compacted into levels; the FIFO layout must still read them
        Path store = dir.resolve("leveled-store");
        byte[] radiohead = "{\"id\":\"4Z8W4fKeB5YxbusRsdQVPb\"}".getBytes(StandardCharsets.UTF_8);
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB leveled = RocksDB.open(options, Files.createDirectories(store).resolve("artists").toString())) {
            byte[] stamped = ByteBuffer.allocate(Long.BYTES + radiohead.length)
                    .putLong(System.currentTimeMillis()).put(radiohead).array();
            leveled.put("4Z8W4fKeB5YxbusRsdQVPb".getBytes(StandardCharsets.US_ASCII), stamped);
            leveled.compactRange(); // the entry now sits in a file below level 0
        }
        ArtistStore upgraded = new ArtistStore(store, Duration.ofHours(1), 1, Clock.systemUTC());
        upgraded.start();
        try {
            assertThat(upgraded.lookup(List.of("4Z8W4fKeB5YxbusRsdQVPb", "0TnOYISbd1XYRBk9myaseg")))
                    .containsExactly(radiohead, null);
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void noFileOfTheStoreSpansMoreThanATenthOfTheTtl() throws IOException {
        // FIFO compaction drops a file by the age of its oldest artist: a memtable kept for long
        // would take fresh artists with it, so the store flushes once a tenth of the TTL has passed
        Path store = dir.resolve("timed-store");
        Instant start = Instant.parse("2026-11-29T12:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ArtistStore artists = new ArtistStore(store, Duration.ofHours(1), 1, clock);
        artists.start();
        try {
            byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
            artists.putAll(List.of("4Z8W4fKeB5YxbusRsdQVPb"), List.of(json));
            now.set(start.plus(Duration.ofMinutes(5)));
            artists.putAll(List.of("0TnOYISbd1XYRBk9myaseg"), List.of(json));
            assertThat(tableFiles(store)).isZero();

            now.set(start.plus(Duration.ofMinutes(7)));
            artists.putAll(List.of("1dfeR4HaWDbWqFHLkxsg1d"), List.of(json));

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tableFiles(store) == 1);
            assertThat(artists.lookup(List.of("4Z8W4fKeB5YxbusRsdQVPb", "1dfeR4HaWDbWqFHLkxsg1d")))
                    .containsExactly(json, json);
        } finally {
            artists.stop();
        }
    }

    private static long tableFiles(Path store) throws IOException {
        try (var files = Files.list(store.resolve("artists"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).count();
        }
    }

    @Test
    void aCorruptStoreIsReportedMovedAsideAndRebuilt() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Files.createDirectories(store.resolve("artists"));
        Files.write(store.resolve("artists/CURRENT"), "this is not a RocksDB manifest name".getBytes());
        app.drop("after-corruption.txt", emulator.catalog().ids().subList(0, 10));

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("after-corruption.jsonl")).hasSize(10);
        try (var files = Files.list(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("artists.corrupt-"));
        }
    }

    @Test
    void aStoreHeldByAnotherInstanceStopsStartUpAndIsLeftIntact() throws IOException {
        Path store = dir.resolve("shared-store");
        ArtistStore first = new ArtistStore(store, Duration.ofHours(1), 1, Clock.systemUTC());
        ArtistStore second = new ArtistStore(store, Duration.ofHours(1), 1, Clock.systemUTC());
        first.start();
        try {
            byte[] radiohead = "{\"id\":\"4Z8W4fKeB5YxbusRsdQVPb\"}".getBytes(StandardCharsets.UTF_8);
            first.putAll(List.of("4Z8W4fKeB5YxbusRsdQVPb"), List.of(radiohead));

            assertThatThrownBy(second::start).hasStackTraceContaining("in use by another process");

            assertThat(first.lookup(List.of("4Z8W4fKeB5YxbusRsdQVPb", "0TnOYISbd1XYRBk9myaseg")))
                    .containsExactly(radiohead, null);
            try (var files = Files.list(store)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
            }
        } finally {
            first.stop();
        }
    }
}
