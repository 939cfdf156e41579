package dev.artistenricher.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.NameMatch;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.RejectJson;
import dev.artistenricher.outbox.OutboxFile;
import dev.artistenricher.outbox.OutboxPaths;
import dev.artistenricher.outbox.Summary;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The outputs of one input file while it is processed. Batches are enriched in parallel and come
 * back in any order; they are written strictly by sequence number, so the {@code .jsonl} lists the
 * artists in order of first appearance and the rejects by line, whatever the timing.
 */
public final class FileJob {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileJob.class);

    private final String source;
    private final java.nio.file.Path input;
    private final OutboxPaths paths;
    private final IdBatcher batcher;
    private final Clock clock;
    private final Instant startedAt;
    private final OutboxFile artists;
    private final OutboxFile rejects;
    private final OutboxFile summary;
    private final OutboxFile matches;
    private final FirstAppearances firstAppearances;
    private final Map<Long, BatchResult> waiting = new HashMap<>();
    /** Batches read but not yet written; bounds memory whatever the order results come back in. */
    private final Semaphore window;
    private final java.util.function.BooleanSupplier failed;
    private volatile boolean abandoned;
    private long nextSeq;
    private long enriched;
    private long rejected;
    private long apiCalls;
    private long notModified;
    private long lastProgressLog;

    /**
     * @param failed tells whether the file's exchange has failed (e.g. a batch was parked)
     */
    FileJob(String source, java.nio.file.Path input, OutboxPaths paths, IdBatcher batcher, int readAhead,
            java.util.function.BooleanSupplier failed, Clock clock) {
        this.failed = failed;
        this.source = source;
        this.input = input;
        this.paths = paths;
        this.batcher = batcher;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.artists = new OutboxFile(paths.artists());
        this.rejects = new OutboxFile(paths.rejects());
        this.summary = new OutboxFile(paths.summary());
        this.matches = new OutboxFile(paths.matches());
        this.firstAppearances = batcher.firstAppearances();
        this.window = new Semaphore(readAhead);
    }

    public String source() {
        return source;
    }

    public java.nio.file.Path input() {
        return input;
    }

    /**
     * The batches to enrich, read lazily from the input. Handing out a batch waits while
     * {@code readAhead} batches are out and not yet written, so a slow batch cannot make the others
     * pile up. The wait is in {@code next()}, not {@code hasNext()}: Camel's splitter asks
     * {@code hasNext()} about the following batch before it submits the current one, so a permit
     * taken there would keep one batch of the window unsubmitted (at concurrency 1 the next call then
     * left only after the previous batch was written: 2.8 ms lost per call).
     */
    public Iterator<IdBatch> batches() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return batcher.hasNext();
                } catch (OutOfMemoryError e) {
                    // an Error would kill the splitter's thread silently and leave the file hanging:
                    // fail the file with a reason instead
                    throw new IllegalStateException("not enough memory to read " + source + " ("
                            + batcher.uniqueIds() + " distinct IDs so far): give the JVM a larger -Xmx", e);
                }
            }

            @Override
            public IdBatch next() {
                IdBatch batch = batcher.next();
                awaitWindow(); // its permit comes back when the batch is written
                return batch;
            }
        };
    }

    /**
     * Waits for room in the read-ahead window. Gives up once the file's exchange has failed: a
     * failed batch is never written, so its permit would never come back, and Camel walks the
     * iterator once more when it cleans up after the failure; a batch handed out then is not enriched.
     */
    private void awaitWindow() {
        try {
            while (!window.tryAcquire(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (abandoned || failed.getAsBoolean()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes a result in any order; writes every result that is now next in line. */
    public synchronized void accept(BatchResult result) throws IOException {
        waiting.put(result.seq(), result);
        BatchResult next;
        while ((next = waiting.remove(nextSeq)) != null) {
            write(next);
            nextSeq++;
            window.release();
        }
    }

    private void write(BatchResult result) throws IOException {
        List<BatchResult.Found> first = firstAppearances.of(result);
        for (BatchResult.Found artist : first) {
            artists.writeLine(artist.json());
        }
        for (Reject reject : result.rejects()) {
            rejects.writeLine(RejectJson.of(reject));
        }
        for (NameMatch match : result.matches()) {
            matches.writeLine(match.toJson());
        }
        enriched += first.size();
        rejected += result.rejects().size();
        apiCalls += result.apiCalls();
        notModified += result.notModified();
    }

    /** One line with counts and rate, at most once per {@code interval}, so long files show they are alive. */
    public void logProgressEvery(java.time.Duration interval) {
        long now = clock.millis();
        synchronized (this) {
            if (lastProgressLog == 0) {
                lastProgressLog = startedAt.toEpochMilli();
            }
            if (now - lastProgressLog < interval.toMillis()) {
                return;
            }
            lastProgressLog = now;
        }
        long elapsed = Math.max(1, now - startedAt.toEpochMilli());
        LOG.info("{}: {} lines read, {} enriched, {} rejected, {} API calls, {} IDs/s", source, batcher.lines(), enriched,
                rejected, apiCalls, (enriched + rejected) * 1000 / elapsed);
    }

    /**
     * Puts the outputs in place: artists, rejects, then the summary last, so a summary always
     * stands beside complete outputs. Called once every batch has been accepted.
     */
    public synchronized Summary complete() throws IOException {
        if (!batcher.isExhausted() || nextSeq != batcher.batches() || !waiting.isEmpty()) {
            throw new IllegalStateException("file " + source + " is not complete: " + nextSeq + " of "
                    + batcher.batches() + " batches written");
        }
        Summary figures = new Summary(source, batcher.lines(), batcher.validIds(), batcher.uniqueIds(), batcher.names(),
                enriched, rejected, apiCalls, startedAt, clock.millis() - startedAt.toEpochMilli());
        artists.commit();
        if (rejects.isOpen()) {
            rejects.commit();
        } else {
            Files.deleteIfExists(paths.rejects()); // left from an earlier run of a file of this name
        }
        // only for an input with names; empty when none of them was matched
        if (batcher.names() > 0) {
            matches.commit();
        } else {
            Files.deleteIfExists(paths.matches());
        }
        firstAppearances.close();
        batcher.close();
        ObjectNode summaryJson = summaryJson(figures);
        if (batcher.revalidates()) {
            // a scheduled round: how many of its calls Spotify answered "unchanged"
            summaryJson.put("notModified", notModified);
        }
        summary.writeLine(JSON.writeValueAsString(summaryJson));
        summary.commit();
        Files.deleteIfExists(paths.error());
        return figures;
    }

    /** Drops the partial outputs; the input stays where it is or goes to .error, as the caller decides. */
    public synchronized void abandon() {
        abandoned = true;
        artists.discard();
        rejects.discard();
        summary.discard();
        matches.discard();
        firstAppearances.close();
        try {
            batcher.close();
        } catch (IOException e) {
            // already failing
        }
    }

    /** The calls Spotify answered 304 so far (a revalidating job). */
    public synchronized long notModified() {
        return notModified;
    }

    public OutboxPaths paths() {
        return paths;
    }

    private static ObjectNode summaryJson(Summary s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("source", s.source());
        node.put("lines", s.lines());
        node.put("ids", s.ids());
        node.put("unique", s.unique());
        if (s.names() > 0) {
            node.put("names", s.names());
        }
        node.put("enriched", s.enriched());
        node.put("rejected", s.rejected());
        node.put("apiCalls", s.apiCalls());
        node.put("startedAt", s.startedAt().toString());
        node.put("durationMs", s.durationMs());
        return node;
    }
}
