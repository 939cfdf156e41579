package dev.artistenricher.inbox;

import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.IdEntry;
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

/**
 * Reads an input as a stream and cuts it into {@link IdBatch}es for the splitter: distinct,
 * well-formed IDs in order of first appearance, at most {@code batchSize} of them still to be
 * fetched per batch (IDs already cached ride along for free), plus the lines rejected on the way.
 * Memory stays bounded whatever the size of the input.
 */
public final class IdBatcher implements Iterator<IdBatch>, Closeable {

    /** Upper bounds on one batch, so cached IDs or a run of bad lines cannot make it huge. */
    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_REJECTS = 1000;

    private final RecordReader reader;
    private final int batchSize;
    private final StoredArtists store;
    private final DistinctIds seen;
    private IdBatch next;
    private long seq;
    private long validIds;
    private boolean exhausted;

    /**
     * @param spillDirectory where the set of IDs already seen goes once it is too large for the
     *                       heap ({@link DistinctIds}); created only then
     */
    public IdBatcher(RecordReader reader, int batchSize, StoredArtists store, Path spillDirectory) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.store = store;
        this.seen = new DistinctIds(spillDirectory);
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
        return seen.size();
    }

    public boolean isExhausted() {
        return exhausted;
    }

    @Override
    public void close() throws IOException {
        exhausted = true;
        seen.close();
        reader.close();
    }

    /**
     * Reads until the batch holds {@code batchSize} IDs to fetch (or a bound, or the end). New IDs
     * are looked up in the store together, as many at a time as could still fill the batch, so
     * each ID costs one lookup however its batch ends up.
     */
    private IdBatch readBatch() {
        List<IdEntry> entries = new ArrayList<>();
        List<Reject> invalid = new ArrayList<>();
        List<IdEntry> unlooked = new ArrayList<>();
        int toFetch = 0;
        while (toFetch < batchSize && !exhausted && entries.size() < MAX_ENTRIES && invalid.size() < MAX_REJECTS) {
            readNewIds(batchSize - toFetch, MAX_ENTRIES - entries.size(), unlooked, invalid);
            toFetch += lookUp(unlooked, entries);
            unlooked.clear();
        }
        if (entries.isEmpty() && invalid.isEmpty()) {
            return null;
        }
        return new IdBatch(seq++, entries, invalid);
    }

    /** Adds the entries of {@code ids} with their stored artists; returns how many must be fetched. */
    private int lookUp(List<IdEntry> ids, List<IdEntry> entries) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<byte[]> stored = store.lookup(ids.stream().map(IdEntry::id).toList());
        int missing = 0;
        for (int i = 0; i < ids.size(); i++) {
            byte[] artist = stored.get(i);
            entries.add(artist == null ? ids.get(i) : ids.get(i).withStored(artist));
            if (artist == null) {
                missing++;
            }
        }
        return missing;
    }

    /** Reads up to {@code wanted} new distinct IDs (not more than {@code room}), collecting bad lines on the way. */
    private void readNewIds(int wanted, int room, List<IdEntry> newIds, List<Reject> invalid) {
        int limit = Math.min(wanted, room);
        try {
            while (newIds.size() < limit && invalid.size() < MAX_REJECTS) {
                InputRecord record = reader.next();
                if (record == null) {
                    // nothing left to compare against: the set's table goes now (a completed file's
                    // batcher and a queue input's are never closed)
                    exhausted = true;
                    seen.close();
                    reader.close();
                    break;
                }
                if (record.problem() != null) {
                    invalid.add(Reject.invalid(record.line(), record.text(), record.problem()));
                    continue;
                }
                ArtistIdParser.Result parsed = ArtistIdParser.parse(record.text());
                if (parsed instanceof ArtistIdParser.Invalid bad) {
                    invalid.add(Reject.invalid(record.line(), ArtistIdParser.strip(record.text()), bad.detail()));
                } else if (parsed instanceof ArtistIdParser.Valid valid) {
                    validIds++;
                    if (seen.add(valid.id())) {
                        newIds.add(new IdEntry(valid.id(), record.line(), ArtistIdParser.strip(record.text()), null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
