package dev.artistenricher.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.RejectJson;
import dev.artistenricher.inbox.IdBatcher;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The outputs of one input file while it is processed. Batches are enriched in parallel and come
 * back in any order; they are written strictly by sequence number, so the {@code .jsonl} lists the
 * artists in order of first appearance and the rejects by line, whatever the timing.
 */
public final class FileJob {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final OutboxPaths paths;
    private final IdBatcher batcher;
    private final Clock clock;
    private final Instant startedAt;
    private final OutboxFile artists;
    private final OutboxFile rejects;
    private final OutboxFile summary;
    private final Map<Long, BatchResult> waiting = new HashMap<>();
    private long nextSeq;
    private long enriched;
    private long rejected;
    private long apiCalls;

    FileJob(String source, OutboxPaths paths, IdBatcher batcher, Clock clock) {
        this.source = source;
        this.paths = paths;
        this.batcher = batcher;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.artists = new OutboxFile(paths.artists());
        this.rejects = new OutboxFile(paths.rejects());
        this.summary = new OutboxFile(paths.summary());
    }

    public String source() {
        return source;
    }

    /** The batches to enrich, read lazily from the input. */
    public Iterator<IdBatch> batches() {
        return batcher;
    }

    /** Takes a result in any order; writes every result that is now next in line. */
    public synchronized void accept(BatchResult result) throws IOException {
        waiting.put(result.seq(), result);
        BatchResult next;
        while ((next = waiting.remove(nextSeq)) != null) {
            write(next);
            nextSeq++;
        }
    }

    private void write(BatchResult result) throws IOException {
        Writer out = artists.writer();
        for (String artist : result.artists()) {
            out.write(artist);
            out.write('\n');
        }
        if (!result.rejects().isEmpty()) {
            Writer rejectOut = rejects.writer();
            for (Reject reject : result.rejects()) {
                rejectOut.write(RejectJson.of(reject));
                rejectOut.write('\n');
            }
        }
        enriched += result.artists().size();
        rejected += result.rejects().size();
        apiCalls += result.apiCalls();
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
        Summary figures = new Summary(source, batcher.lines(), batcher.validIds(), batcher.uniqueIds(), enriched,
                rejected, apiCalls, startedAt, clock.millis() - startedAt.toEpochMilli());
        artists.writer();
        artists.commit();
        if (rejects.isOpen()) {
            rejects.commit();
        } else {
            Files.deleteIfExists(paths.rejects()); // left from an earlier run of a file of this name
        }
        summary.writer().write(JSON.writeValueAsString(summaryJson(figures)) + "\n");
        summary.commit();
        Files.deleteIfExists(paths.error());
        return figures;
    }

    /** Drops the partial outputs; the input stays where it is or goes to .error, as the caller decides. */
    public synchronized void abandon() {
        artists.discard();
        rejects.discard();
        summary.discard();
        try {
            batcher.close();
        } catch (IOException e) {
            // already failing
        }
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
        node.put("enriched", s.enriched());
        node.put("rejected", s.rejected());
        node.put("apiCalls", s.apiCalls());
        node.put("startedAt", s.startedAt().toString());
        node.put("durationMs", s.durationMs());
        return node;
    }
}
