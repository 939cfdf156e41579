package dev.artistenricher.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.support.service.ServiceSupport;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artists already fetched, on disk (H2's MVStore in {@code enricher.store}), so the same ID in many
 * files, a re-run or a resumed file costs no second call. Each entry holds when it was fetched and
 * is reused for {@code enricher.cache.ttl}. MVStore is append-only: a kill at any moment leaves the
 * last committed version readable. A file that cannot be opened is moved aside and the store
 * starts empty, so a damaged store costs calls, never a crash loop.
 *
 * <p>A Camel service: opened when the context starts, committed and closed when it stops.
 */
public final class ArtistStore extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ArtistStore.class);
    static final String FILE_NAME = "artists.mv.db";
    static final int AUTO_COMMIT_MILLIS = 200;

    private final Path directory;
    private final Duration ttl;
    private final int cacheMegabytes;
    private final Clock clock;
    private MVStore store;
    /** ID to artist JSON: large entries, read only for IDs known to be there. */
    private MVMap<String, byte[]> artists;
    /** ID to when it was fetched: small entries whose pages stay in the cache, so a miss costs no disk read. */
    private MVMap<String, Long> fetchedAt;

    public ArtistStore(Path directory, Duration ttl, int cacheMegabytes, Clock clock) {
        this.directory = directory;
        this.ttl = ttl;
        this.cacheMegabytes = cacheMegabytes;
        this.clock = clock;
    }

    @Override
    protected void doStart() throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        try {
            store = open(file);
        } catch (RuntimeException e) {
            Path aside = file.resolveSibling(FILE_NAME + ".corrupt-" + clock.millis());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("Artist store {} is unreadable ({}); moved it to {} and starting with an empty store",
                    file, e.getMessage(), aside.getFileName());
            store = open(file);
        }
        // typed maps: MVStore's generic object serializer costs more than the rest of a batch;
        // the JSON is kept as its UTF-8 bytes, copied as they are
        artists = store.openMap("artists", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        fetchedAt = store.openMap("fetchedAt", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
        LOG.info("Artist store {}: {} artists", file, artists.size());
    }

    private MVStore open(Path file) {
        MVStore opened = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(cacheMegabytes)
                // small pages: each commit rewrites the pages its random keys touched, so their size
                // is the write amplification (16 KiB pages tripled the file and the CPU spent writing)
                .pageSplitSize(4096)
                .open();
        // MVStore writes touched pages anew on each commit; with random IDs a commit per batch
        // rewrites dozens of pages for 50 entries. A background commit every 200 ms costs a kill at
        // most the answers of that moment (fetched again), and is many times faster.
        opened.setAutoCommitDelay(AUTO_COMMIT_MILLIS);
        return opened;
    }

    @Override
    protected void doStop() {
        if (store != null && !store.isClosed()) {
            store.close();
        }
    }

    /** The stored artist JSON, or {@code null} when absent or older than the TTL. */
    public String get(String id) {
        if (!contains(id)) {
            return null;
        }
        byte[] json = artists.get(id);
        return json == null ? null : new String(json, StandardCharsets.UTF_8);
    }

    /** Whether a fresh (younger than the TTL) artist is stored for the ID. */
    public boolean contains(String id) {
        Long when = fetchedAt.get(id);
        return when != null && clock.millis() - when <= ttl.toMillis();
    }

    public void put(String id, String artistJson) {
        artists.put(id, artistJson.getBytes(StandardCharsets.UTF_8));
        fetchedAt.put(id, clock.millis());
    }

    /**
     * Writes what was stored so far to the file (without fsync: it survives the death of the
     * process, which is what kill-safety asks; the OS keeps the written pages).
     */
    public void commit() {
        try {
            store.commit();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot write the artist store: " + e.getMessage(), e));
        }
    }

    public int size() {
        return artists.size();
    }
}
