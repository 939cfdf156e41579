package dev.artistenricher.inbox;

import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.IdEntry;
import dev.artistenricher.enrich.NameEntry;
import dev.artistenricher.enrich.NameMatcher;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.StoredArtists;
import dev.artistenricher.spotify.ArtistIdParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads an input as a stream and cuts it into {@link IdBatch}es for the splitter: distinct,
 * well-formed IDs in order of first appearance, at most {@code batchSize} of them still to be
 * fetched per batch (IDs already cached ride along for free), distinct artist names (a name still
 * to be searched for ends its batch: one search is one call, and batches run side by side), plus
 * the lines rejected on the way. Memory stays bounded whatever the size of the input.
 *
 * <p>A name's artist may also stand in the input as an ID; only the ordered writer can tell which
 * came first ({@link FirstAppearances}). For it, the IDs read before the first name are kept apart
 * (they are all earlier than every name), and no longer change once a name was read.
 */
public final class IdBatcher implements Iterator<IdBatch>, Closeable {

    /** Upper bounds on one batch, so cached IDs or a run of bad lines cannot make it huge. */
    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_REJECTS = 1000;

    private final RecordReader reader;
    private final int batchSize;
    private final StoredArtists store;
    private final Path spillDirectory;
    private final boolean revalidate;
    /** The IDs read so far (since the first name, once there is one). */
    private DistinctIds seen;
    /** The IDs read before the first name; set, and then never changed, when the first name is read. */
    private volatile DistinctIds seenBeforeFirstName;
    /** The batch holding the first name; no earlier batch has a name. */
    private volatile long firstNameBatch = Long.MAX_VALUE;
    private DistinctIds seenNames;
    private long names;
    private IdBatch next;
    private long seq;
    private long validIds;
    private boolean exhausted;

    /**
     * @param spillDirectory where the set of IDs already seen goes once it is too large for the
     *                       heap ({@link DistinctIds}); created only then
     */
    public IdBatcher(RecordReader reader, int batchSize, StoredArtists store, Path spillDirectory) {
        this(reader, batchSize, store, spillDirectory, false);
    }

    private IdBatcher(RecordReader reader, int batchSize, StoredArtists store, Path spillDirectory, boolean revalidate) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.store = store;
        this.spillDirectory = spillDirectory;
        this.revalidate = revalidate;
        this.seen = new DistinctIds(spillDirectory);
    }

    /**
     * A batcher for a scheduled round: nothing is taken from the store's TTL; every ID is asked of
     * Spotify again, offering the ETag of its stored answer (a 304 then reuses that answer), and
     * every name is searched for again.
     */
    public static IdBatcher afresh(RecordReader reader, int batchSize, Path spillDirectory) {
        return new IdBatcher(reader, batchSize, StoredArtists.NOTHING, spillDirectory, true);
    }

    /** Whether its batches revalidate stored answers ({@link #afresh}). */
    public boolean revalidates() {
        return revalidate;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            next = readBatch();
        }
        return next != null;
    }

    @Override
    public IdBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        IdBatch batch = next;
        next = null;
        return batch;
    }

    /** Batches handed out so far; final once {@link #hasNext()} said false. */
    public long batches() {
        return seq;
    }

    public long lines() {
        return reader.linesRead();
    }

    public long validIds() {
        return validIds;
    }

    public long uniqueIds() {
        DistinctIds before = seenBeforeFirstName;
        return seen.size() + (before == null ? 0 : before.size());
    }

    /** Name lines read so far (valid ones, duplicates included). */
    public long names() {
        return names;
    }

    /** Distinct names read so far. */
    public long uniqueNames() {
        return seenNames == null ? 0 : seenNames.size();
    }

    /** The sequence number of the batch holding the first name; {@link Long#MAX_VALUE} while there is none. */
    long firstNameBatch() {
        return firstNameBatch;
    }

    /** Whether the ID was read before the first name; call only for batches from {@link #firstNameBatch()} on. */
    boolean seenBeforeFirstName(String id) {
        return seenBeforeFirstName.contains(id);
    }

    /** What the ordered writer of this input's results needs to write each artist once. */
    public FirstAppearances firstAppearances() {
        return new FirstAppearances(this, spillDirectory);
    }

    public boolean isExhausted() {
        return exhausted;
    }

    /**
     * Stops reading and lets go of the tables reading needs. The IDs read before the first name stay
     * until {@link FirstAppearances#close()}: Camel's splitter closes a {@code Closeable} iterator as
     * soon as it has walked it, before the last results are written.
     */
    @Override
    public void close() throws IOException {
        exhausted = true;
        closeReading();
    }

    /** Lets go of the IDs read before the first name (the writer is done with them). */
    void closeSeenBeforeFirstName() {
        if (seenBeforeFirstName != null) {
            seenBeforeFirstName.close();
        }
    }

    /** The reader and the sets only reading needs. */
    private void closeReading() throws IOException {
        seen.close();
        if (seenNames != null) {
            seenNames.close();
        }
        reader.close();
    }

    /**
     * Reads until the batch holds {@code batchSize} IDs to fetch (or a bound, or the end). New IDs
     * are looked up in the store together, as many at a time as could still fill the batch, so
     * each ID costs one lookup however its batch ends up.
     */
    private IdBatch readBatch() {
        List<IdEntry> entries = new ArrayList<>();
        List<NameEntry> names = new ArrayList<>();
        List<Reject> invalid = new ArrayList<>();
        List<IdEntry> unlooked = new ArrayList<>();
        List<NameEntry> unlookedNames = new ArrayList<>();
        int toFetch = 0;
        while (toFetch < batchSize && !exhausted && entries.size() + names.size() < MAX_ENTRIES
                && invalid.size() < MAX_REJECTS) {
            readNew(batchSize - toFetch, MAX_ENTRIES - entries.size() - names.size(), unlooked, unlookedNames, invalid);
            toFetch += lookUp(unlooked, entries);
            // a name Spotify must be asked about fills the batch: its search is the batch's call
            toFetch += batchSize * lookUpNames(unlookedNames, names);
            unlooked.clear();
            unlookedNames.clear();
        }
        if (entries.isEmpty() && names.isEmpty() && invalid.isEmpty()) {
            return null;
        }
        return new IdBatch(seq++, entries, names, invalid, revalidate);
    }

    /** Adds the names with their stored search answers; returns how many must be searched for. */
    private int lookUpNames(List<NameEntry> newNames, List<NameEntry> names) {
        return lookUp(newNames, names, NameEntry::key, store::lookupNames, NameEntry::withStored);
    }

    /** Adds the entries of {@code ids} with their stored artists; returns how many must be fetched. */
    private int lookUp(List<IdEntry> ids, List<IdEntry> entries) {
        return lookUp(ids, entries, IdEntry::id, store::lookup, IdEntry::withStored);
    }

    /** Adds the new entries with what the store holds for them (one lookup for all); returns how many it lacks. */
    private static <E> int lookUp(List<E> fresh, List<E> into, Function<E, String> key,
            Function<List<String>, List<byte[]>> lookup, BiFunction<E, byte[], E> withStored) {
        if (fresh.isEmpty()) {
            return 0;
        }
        List<byte[]> stored = lookup.apply(fresh.stream().map(key).toList());
        int missing = 0;
        for (int i = 0; i < fresh.size(); i++) {
            byte[] value = stored.get(i);
            into.add(value == null ? fresh.get(i) : withStored.apply(fresh.get(i), value));
            if (value == null) {
                missing++;
            }
        }
        return missing;
    }

    /**
     * Reads up to {@code wanted} new distinct IDs (not more than {@code room}), collecting bad lines on
     * the way; stops early after a new name, which may cost a call of its own (looked up first).
     */
    private void readNew(int wanted, int room, List<IdEntry> newIds, List<NameEntry> newNames, List<Reject> invalid) {
        int limit = Math.min(wanted, room);
        try {
            while (newIds.size() < limit && newNames.isEmpty() && invalid.size() < MAX_REJECTS) {
                InputRecord record = reader.next();
                if (record == null) {
                    // nothing left to compare against: the set's table goes now (a completed file's
                    // batcher and a queue input's are never closed)
                    exhausted = true;
                    closeReading();
                    break;
                }
                if (record.problem() != null) {
                    invalid.add(Reject.invalid(record.line(), record.text(), record.problem()));
                    continue;
                }
                ArtistIdParser.Result parsed = parse(record);
                if (parsed instanceof ArtistIdParser.Invalid bad) {
                    invalid.add(Reject.invalid(record.line(), ArtistIdParser.strip(record.text()), bad.detail()));
                } else if (parsed instanceof ArtistIdParser.Valid valid) {
                    validIds++;
                    if (isNewId(valid.id())) {
                        newIds.add(new IdEntry(valid.id(), record.line(), ArtistIdParser.strip(record.text()), null));
                    }
                } else if (parsed instanceof ArtistIdParser.Name name) {
                    String key = NameMatcher.normalize(name.name());
                    if (isNewName(key)) {
                        newNames.add(new NameEntry(record.line(), ArtistIdParser.strip(record.text()), name.name(), key, null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line (an ID, a {@code name:} line) or a field of names, where a blank one is skipped. */
    private static ArtistIdParser.Result parse(InputRecord record) {
        if (!record.name()) {
            return ArtistIdParser.parse(record.text());
        }
        return ArtistIdParser.strip(record.text()).isEmpty() ? ArtistIdParser.parse("") : ArtistIdParser.parseName(record.text());
    }

    private boolean isNewId(String id) {
        DistinctIds before = seenBeforeFirstName;
        return (before == null || !before.contains(id)) && seen.add(id);
    }

    /** Counts the name; true the first time it is seen. The first name of all sets the IDs read before it apart. */
    private boolean isNewName(String key) {
        names++;
        if (seenNames == null) {
            seenNames = new DistinctIds(spillDirectory);
            seenBeforeFirstName = seen;
            seen = new DistinctIds(spillDirectory);
            firstNameBatch = seq;
        }
        return seenNames.add(key);
    }
}
