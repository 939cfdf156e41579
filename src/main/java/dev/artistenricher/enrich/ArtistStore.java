package dev.artistenricher.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import dev.artistenricher.spotify.ArtistIdParser;
import dev.artistenricher.spotify.SearchAnswer;
import dev.artistenricher.spotify.SpotifyCalls;
import dev.artistenricher.spotify.SpotifyRequest;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceSupport;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionOptionsFIFO;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.NativeLibraryLoader;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artists already fetched, on disk (RocksDB in {@code <enricher.store>/artists}), so the same ID in
 * many files, a re-run or a resumed file costs no second call. Each value is the time it was
 * fetched (8 bytes) followed by the artist JSON as Spotify sent it; an entry is reused for
 * {@code enricher.cache.ttl}. An ID Spotify said it does not know is kept too, as the time alone
 * (no JSON), for {@code enricher.cache.not-found-ttl}: a re-run asks nothing twice. So is the answer
 * of a search for an artist name (under {@code name:<normalized name>}, the artists found as a JSON
 * array, for {@code enricher.cache.ttl}); each artist in it is stored under its ID as well. A
 * scheduled round also keeps the {@code ETag} of each answer (under {@code etag:<path>?<query>}), which
 * the next round offers as {@code If-None-Match}.
 *
 * <p>Why RocksDB: IDs arrive in random order, and a B-tree store rewrites a page per insert (H2's
 * MVStore spent four fifths of the app's CPU doing so at zero latency). A log-structured store
 * appends instead, and its files are never rewritten here: they expire whole, after the TTL (FIFO
 * compaction). Every write goes through its write-ahead log to the operating system before
 * {@link #putAll} returns, so a killed process loses nothing it stored. A store that cannot be opened
 * is moved aside and a new one starts empty: a damaged store costs calls, never a crash loop.
 *
 * <p>A Camel service: opened when the context starts, closed when it stops. Thread-safe.
 */
public final class ArtistStore extends ServiceSupport implements StoredArtists {

    private static final Logger LOG = LoggerFactory.getLogger(ArtistStore.class);
    private static final String DIRECTORY_NAME = "artists";
    /** The file of the store's format before RocksDB; nothing reads it any more. */
    private static final String OLD_MVSTORE_FILE = "artists.mv.db";
    /** Where RocksDB's native library is unpacked, beside the store. */
    private static final String NATIVE_FOLDER = "native";
    private static final int STAMP_BYTES = Long.BYTES;
    private static final String NAME_KEY_PREFIX = "name:";
    private static final String TAG_KEY_PREFIX = "etag:";
    /** Past this size on disk the oldest files go first, TTL or not (about 35 million artists). */
    private static final long MAX_STORE_BYTES = 8L << 30;

    private final Path directory;
    private final Duration ttl;
    private final Duration notFoundTtl;
    private final int cacheMegabytes;
    private final Clock clock;
    /** A tenth of the TTL, at least a second: the most time one file of the store spans. */
    private final Duration flushEvery;
    private final AtomicLong lastFlushMillis;
    private Options options;
    /** Defaults: each write reaches the operating system (survives a kill), without an fsync. */
    private WriteOptions writeOptions;
    private RocksDB db;

    /**
     * @param cacheMegabytes memory for recently read blocks (off the Java heap)
     */
    public ArtistStore(Path directory, Duration ttl, int cacheMegabytes, Clock clock) {
        this(directory, ttl, ttl, cacheMegabytes, clock);
    }

    /**
     * @param notFoundTtl how long an "unknown ID" answer is reused
     */
    public ArtistStore(Path directory, Duration ttl, Duration notFoundTtl, int cacheMegabytes, Clock clock) {
        this.directory = directory;
        this.ttl = ttl;
        this.notFoundTtl = notFoundTtl;
        this.cacheMegabytes = cacheMegabytes;
        this.clock = clock;
        // files expire whole (FIFO): after the longer of the two lifetimes
        Duration tenth = (ttl.compareTo(notFoundTtl) >= 0 ? ttl : notFoundTtl).dividedBy(10);
        this.flushEvery = tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
        this.lastFlushMillis = new AtomicLong(clock.millis());
    }

    @Override
    protected void doStart() throws IOException {
        Files.createDirectories(directory);
        loadNativeLibrary();
        Path location = directory.resolve(DIRECTORY_NAME);
        options = options();
        writeOptions = new WriteOptions();
        try {
            db = open(location);
        } catch (RocksDBException e) {
            if (isLockedByAnotherProcess(e)) {
                throw new IOException("the artist store " + location + " is in use by another process: "
                        + "give each instance its own enricher.store", e);
            }
            if (!Files.isDirectory(location)) {
                throw new IOException("cannot create the artist store " + location + ": " + e.getMessage(), e);
            }
            Path aside = location.resolveSibling(DIRECTORY_NAME + ".corrupt-" + clock.millis());
            Files.move(location, aside);
            LOG.warn("Artist store {} is unreadable ({}); moved it to {} and starting with an empty store",
                    location, e.getMessage(), aside.getFileName());
            try {
                db = open(location);
            } catch (RocksDBException again) {
                throw new IOException("cannot create the artist store " + location + ": " + again.getMessage(), again);
            }
        }
        dropOldFormat();
        LOG.info("Artist store {}: about {} artists", location, estimatedSize());
    }

    /**
     * RocksDB unpacks its native library (15 MB) at every start, by default into java.io.tmpdir
     * under a new random name, deleted at exit: each killed process leaves one behind. Unpacked
     * under a fixed name in the store's folder instead, it is replaced at the next start rather
     * than piling up. Where that fails (a folder mounted noexec, say) RocksDB's own way applies;
     * so does an operator's {@code ROCKSDB_SHAREDLIB_DIR}.
     */
    private void loadNativeLibrary() {
        if (System.getenv("ROCKSDB_SHAREDLIB_DIR") == null) {
            try {
                Path folder = Files.createDirectories(directory.resolve(NATIVE_FOLDER));
                NativeLibraryLoader.getInstance().loadLibrary(folder.toString());
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                LOG.debug("RocksDB's native library could not be unpacked into the store ({}); using java.io.tmpdir",
                        e.toString());
            }
        }
        RocksDB.loadLibrary(); // once loaded above, this only marks the library as loaded
    }

    private Options options() {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                // a miss (the common case on a first run) is answered from the filter, not the disk
                .setFilterPolicy(new BloomFilter(10))
                .setBlockCache(new LRUCache((long) cacheMegabytes << 20));
        return new Options()
                .setCreateIfMissing(true)
                .setTableFormatConfig(table)
                // artist JSON shrinks to about a third; LZ4 costs little CPU for it
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                // a whole-key filter on the memtable too: on a first run nearly every lookup misses,
                // and without it each miss walks the memtable's skip list (measured: 5 -> 1.8 us a key)
                .setMemtablePrefixBloomSizeRatio(0.1)
                .setMemtableWholeKeyFiltering(true)
                // FIFO: no compaction. Keys are random IDs, so leveled compaction rewrote the whole
                // store every few flushes (a quarter of the store's CPU at zero latency), only to keep
                // it sorted for nobody: we read single keys, which the filters find in any file. A
                // file goes whole once its oldest artist is older than the TTL plus a tenth; as no
                // file spans more than a tenth of the TTL (see putAll), every artist in it has
                // expired by then. The size cap is a backstop.
                .setCompactionStyle(CompactionStyle.FIFO)
                .setCompactionOptionsFIFO(new CompactionOptionsFIFO().setMaxTableFilesSize(MAX_STORE_BYTES))
                .setTtl(Math.max(1, (ttl.compareTo(notFoundTtl) >= 0 ? ttl : notFoundTtl).plus(flushEvery).toSeconds()))
                // all files stay in level 0 under FIFO: its file count must not stall writes
                .setLevel0SlowdownWritesTrigger(1 << 30)
                .setLevel0StopWritesTrigger(1 << 30)
                .setMaxBackgroundJobs(2)
                // RocksDB's own LOG file: warnings only, and no pile of old ones
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2);
    }

    private RocksDB open(Path location) throws RocksDBException {
        return RocksDB.open(options, location.toString());
    }

    private static boolean isLockedByAnotherProcess(RocksDBException e) {
        Status status = e.getStatus();
        return status != null && status.getCode() == Status.Code.IOError
                && String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("lock");
    }

    /** The store used H2's MVStore before: it is only a cache, so its file goes rather than lingering. */
    private void dropOldFormat() throws IOException {
        if (Files.deleteIfExists(directory.resolve(OLD_MVSTORE_FILE))) {
            LOG.info("Removed {} of the former store format: artists in it are fetched again when needed",
                    directory.resolve(OLD_MVSTORE_FILE));
        }
    }

    @Override
    protected void doStop() {
        if (db != null) {
            db.close();
            db = null;
        }
        if (options != null) {
            options.close();
            writeOptions.close();
            options = null;
        }
    }

    /**
     * The stored artist JSON (UTF-8) of each ID, {@code null} where absent or older than the TTL: one
     * read of the store for all of them (RocksDB's multi-get, one crossing into native code).
     */
    @Override
    public List<byte[]> lookup(List<String> ids) {
        List<byte[]> keys = new ArrayList<>(ids.size());
        for (String id : ids) {
            keys.add(key(id));
        }
        return freshValues(keys);
    }

    /**
     * The stored search answer (a JSON array of artists) of each name key, {@code null} where absent
     * or older than the TTL: one multi-get for all of them.
     */
    @Override
    public List<byte[]> lookupNames(List<String> keys) {
        List<byte[]> nameKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            nameKeys.add(nameKey(key));
        }
        return freshValues(nameKeys);
    }

    /** Each key's stored value (stamp included) whatever its age, {@code null} where absent. */
    private List<byte[]> storedValues(List<byte[]> keys) {
        try {
            return db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
    }

    /** Each key's value without its stamp: {@code null} where absent or expired, {@link #NOT_FOUND} for "unknown". */
    private List<byte[]> freshValues(List<byte[]> keys) {
        List<byte[]> values;
        try {
            values = db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
        List<byte[]> fresh = new ArrayList<>(values.size());
        for (byte[] value : values) {
            if (value == null || !isFresh(value)) {
                fresh.add(null);
            } else {
                fresh.add(value.length == STAMP_BYTES ? NOT_FOUND : Arrays.copyOfRange(value, STAMP_BYTES, value.length));
            }
        }
        return fresh;
    }

    /**
     * A 200 of a search: its artists under the searched name's key, and each one under its ID (a
     * search result is the whole artist object), in one write.
     */
    public void putSearchAnswer(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, List<byte[]> artists) {
        long now = clock.millis();
        flushIfOld(now);
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(nameKey(NameMatcher.normalize(request.searchName())), stamped(now, SearchAnswer.toArray(artists)));
            for (byte[] artist : artists) {
                String id = SearchAnswer.artistId(artist);
                if (ArtistIdParser.isWellFormedId(id)) {
                    batch.put(key(id), stamped(now, artist));
                }
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /**
     * Stores the artists of one answer, stamped with the time, in one write (one append to the
     * write-ahead log instead of one per artist). A {@code null} artist (unknown ID) is kept as
     * "not found".
     */
    public void putAll(List<String> ids, List<byte[]> jsons) {
        putAll(ids, jsons, null, null);
    }

    /** {@link #putAll(List, List)}, and the answer's ETag under {@code answerKey} when it is not null. */
    private void putAll(List<String> ids, List<byte[]> jsons, String answerKey, String etag) {
        long now = clock.millis();
        flushIfOld(now);
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < ids.size(); i++) {
                byte[] json = jsons.get(i);
                batch.put(key(ids.get(i)), stamped(now, json == null ? NOT_FOUND : json));
            }
            if (answerKey != null) {
                batch.put(tagKey(answerKey), stamped(now, etag.getBytes(StandardCharsets.US_ASCII)));
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    /**
     * Starts a flush of the memtable (in the background) once a tenth of the TTL has passed since
     * the last one, so that no file spans more than that: a slow daemon would otherwise keep one
     * memtable for days, and its file, dated by its oldest artist, would expire with fresh artists
     * in it.
     */
    private void flushIfOld(long now) {
        long last = lastFlushMillis.get();
        if (now - last < flushEvery.toMillis() || !lastFlushMillis.compareAndSet(last, now)) {
            return;
        }
        try (FlushOptions background = new FlushOptions().setWaitForFlush(false)) {
            db.flush(background);
        } catch (RocksDBException e) {
            LOG.warn("Artist store: a timed flush failed ({}); artists stay in the write-ahead log", e.getMessage());
        }
    }

    private static byte[] stamped(long fetchedAt, byte[] json) {
        byte[] value = new byte[STAMP_BYTES + json.length];
        ByteBuffer.wrap(value).putLong(fetchedAt).put(json);
        return value;
    }

    /** An estimate (RocksDB counts keys only approximately); for logs and operators. */
    private long estimatedSize() {
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    /**
     * A 200 of the Web API: the artists of the request being answered, in its order. A request of a
     * scheduled round keeps the answer's ETag too (under the request's path and query), in the same
     * write, so that the next round can offer it.
     */
    public void putAnswer(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, List<byte[]> artists,
            @Header(SpotifyRequest.ETAG) String etag) {
        if (request.revalidates() && etag != null && !etag.isBlank()) {
            putAll(request.ids(), artists, request.answerKey(), etag);
        } else {
            putAll(request.ids(), artists);
        }
    }

    /**
     * Before a call of a scheduled round: the ETag stored with the request's last answer goes out as
     * {@code If-None-Match}. The header is set after the route dropped every header of the message,
     * and it is the only one the header filter lets out.
     */
    public void offerStoredTag(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request, Message message) {
        if (!request.revalidates()) {
            return;
        }
        byte[] tag = storedValues(List.of(tagKey(request.answerKey()))).get(0);
        if (tag != null && tag.length > STAMP_BYTES) {
            message.setHeader(SpotifyRequest.IF_NONE_MATCH,
                    new String(tag, STAMP_BYTES, tag.length - STAMP_BYTES, StandardCharsets.US_ASCII));
        }
    }

    /**
     * A 304: the artists stored for the request's IDs, whatever their age (Spotify just said they are
     * current), stamped anew so that they count as fresh from now; null when the store no longer holds
     * every one of them (then the request goes again without its ETag).
     */
    public List<byte[]> notModified(@ExchangeProperty(SpotifyCalls.REQUEST) SpotifyRequest request,
            @Header(SpotifyRequest.ETAG) String etag) {
        List<byte[]> keys = new ArrayList<>(request.ids().size());
        for (String id : request.ids()) {
            keys.add(key(id));
        }
        List<byte[]> values = storedValues(keys);
        List<byte[]> artists = new ArrayList<>(values.size());
        for (byte[] value : values) {
            if (value == null) {
                return null;
            }
            artists.add(value.length == STAMP_BYTES ? null : Arrays.copyOfRange(value, STAMP_BYTES, value.length));
        }
        String tag = etag == null || etag.isBlank() ? null : etag;
        if (tag == null) {
            putAll(request.ids(), artists);
        } else {
            putAll(request.ids(), artists, request.answerKey(), tag);
        }
        return artists;
    }

    /** A 404 of {@code /artists/{id}}: the ID is kept as unknown. */
    public void putNotFound(String id) {
        putAll(List.of(id), Collections.singletonList(null));
    }

    private boolean isFresh(byte[] value) {
        long fetchedAt = ByteBuffer.wrap(value, 0, STAMP_BYTES).getLong();
        Duration lifetime = value.length == STAMP_BYTES ? notFoundTtl : ttl;
        return clock.millis() - fetchedAt <= lifetime.toMillis();
    }

    private static byte[] key(String id) {
        // well-formed IDs only: 22 characters of [0-9A-Za-z], for which Latin-1 is the same bytes as
        // ASCII and a plain copy (the ASCII encoder checks every character, measurably on this path)
        return id.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An answer's ETag: under {@code etag:<path>?<query>}, which no artist ID or name key can be. */
    private static byte[] tagKey(String answerKey) {
        return (TAG_KEY_PREFIX + answerKey).getBytes(StandardCharsets.US_ASCII);
    }

    /** A name's key: its prefix holds a ':', which no artist ID does, so the two never meet. */
    private static byte[] nameKey(String normalizedName) {
        return (NAME_KEY_PREFIX + normalizedName).getBytes(StandardCharsets.UTF_8);
    }

    private UncheckedIOException failure(String what, RocksDBException e) {
        return new UncheckedIOException(new IOException("cannot " + what + " the artist store "
                + directory.resolve(DIRECTORY_NAME) + ": " + e.getMessage(), e));
    }
}
