package dev.artistenricher.inbox;

import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.IdEntry;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.spotify.ArtistIdParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

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
    private final Predicate<String> alreadyCached;
    private final DistinctIds seen;
    private IdBatch next;
    private long seq;
    private long validIds;
    private boolean exhausted;

    /**
     * @param spillDirectory where the set of IDs already seen goes once it is too large for the
     *                       heap ({@link DistinctIds}); created only then
     */
    public IdBatcher(RecordReader reader, int batchSize, Predicate<String> alreadyCached, Path spillDirectory) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.alreadyCached = alreadyCached;
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

    private IdBatch readBatch() {
        List<IdEntry> entries = new ArrayList<>();
        List<Reject> invalid = new ArrayList<>();
        int toFetch = 0;
        try {
            while (toFetch < batchSize && entries.size() < MAX_ENTRIES && invalid.size() < MAX_REJECTS) {
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
                        entries.add(new IdEntry(valid.id(), record.line(), ArtistIdParser.strip(record.text())));
                        if (!alreadyCached.test(valid.id())) {
                            toFetch++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty() && invalid.isEmpty()) {
            return null;
        }
        return new IdBatch(seq++, entries, invalid);
    }
}
