package dev.artistenricher.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.enrich.ArtistStore;
import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.outbox.OutboxFile;
import dev.artistenricher.outbox.OutboxPaths;
import dev.artistenricher.outbox.Summary;
import dev.artistenricher.run.RateLimitParking;
import dev.artistenricher.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the inbox route that touch files, referenced by name from {@code routes/inbox.camel.yaml}:
 * open an input, write the enriched batches, complete the outputs, or set a bad input aside.
 */
public final class FileJobs {

    /** The exchange property that carries the {@link FileJob} of the file being processed. */
    public static final String JOB = "fileJob";

    private static final Logger LOG = LoggerFactory.getLogger(FileJobs.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path outbox;
    private final int batchSize;
    private final int readAhead;
    private final ArtistStore cache;
    private final RunStatus status;
    private final Clock clock;
    private final java.time.Duration progressInterval;
    private final Path spillDirectory;

    /**
     * @param readAhead      how many batches of a file may be read but not yet written
     * @param spillDirectory where the distinct IDs of a very large file are memory-mapped
     */
    public FileJobs(Path outbox, int batchSize, int readAhead, ArtistStore cache, RunStatus status, Clock clock,
            java.time.Duration progressInterval, Path spillDirectory) {
        this.outbox = outbox;
        this.batchSize = batchSize;
        this.readAhead = readAhead;
        this.cache = cache;
        this.status = status;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.spillDirectory = spillDirectory;
    }

    public FileJob open(@Header(Exchange.FILE_PATH) String path, @Header(Exchange.FILE_NAME_ONLY) String name,
            Exchange exchange) throws IOException {
        Files.createDirectories(outbox);
        OutboxPaths paths = OutboxPaths.of(outbox, name);
        IdBatcher batcher = new IdBatcher(RecordReaders.open(Path.of(path)), batchSize, cache, spillDirectory);
        LOG.info("Processing {}", name);
        return new FileJob(name, Path.of(path), paths, batcher, readAhead,
                () -> exchange.getException() != null || exchange.isRollbackOnly(), clock);
    }

    /**
     * A job that enriches a watch list afresh (a scheduled round: every ID asked again, offering the
     * ETag of its stored answer) into the outputs {@code paths} of a snapshot.
     */
    public FileJob openAfresh(Path list, OutboxPaths paths, Exchange exchange) throws IOException {
        IdBatcher batcher = IdBatcher.afresh(RecordReaders.open(list), batchSize, spillDirectory);
        return new FileJob(list.getFileName().toString(), list, paths, batcher, readAhead,
                () -> exchange.getException() != null || exchange.isRollbackOnly(), clock);
    }

    public void write(@ExchangeProperty(JOB) FileJob job, BatchResult result) throws IOException {
        job.accept(result);
        status.progress(result.ids(), result.found().size(), result.rejects().stream().map(Reject::reason).toList());
        job.logProgressEvery(progressInterval);
    }

    public void complete(@ExchangeProperty(JOB) FileJob job) throws IOException {
        Summary s = job.complete();
        LOG.info("Completed {}: {} lines, {} unique IDs, {} enriched, {} rejected, {} API calls in {} ms -> {}",
                s.source(), s.lines(), s.unique(), s.enriched(), s.rejected(), s.apiCalls(), s.durationMs(),
                job.paths().artists());
    }

    /**
     * An input that cannot be processed: its partial outputs are dropped and the reason is written
     * to {@code <base>.error.json}; the route then moves the input to {@code .error/}.
     */
    public void quarantine(@ExchangeProperty(JOB) FileJob job, @Header(Exchange.FILE_NAME_ONLY) String name,
            Exception failure) throws IOException {
        if (job != null) {
            job.abandon();
        }
        Throwable cause = rootInputFailure(failure);
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        OutboxPaths paths = OutboxPaths.of(outbox, name);
        Files.createDirectories(outbox);
        ObjectNode error = JSON.createObjectNode();
        error.put("source", name);
        error.put("reason", reason);
        error.put("failedAt", clock.instant().toString());
        OutboxFile file = new OutboxFile(paths.error());
        file.writeLine(JSON.writeValueAsString(error));
        file.commit();
        status.fileFailed();
        LOG.error("Cannot process {}: {}; moved to .error, reason in {}", name, reason, paths.error());
    }

    /**
     * Drops partial outputs of a file that is left in the inbox to be resumed later (a parked run),
     * and tells the parking (exchange property {@value RateLimitParking#IDS_LEFT}) how many of its
     * distinct IDs a resumed run still has to fetch; nothing when no file was being enriched.
     */
    public void putBack(@ExchangeProperty(JOB) FileJob job, Exchange exchange) {
        if (job != null) {
            job.abandon();
            exchange.setProperty(RateLimitParking.IDS_LEFT, idsLeft(job));
        }
    }

    /** Distinct IDs and names of the job's input that are not in the store yet, or -1 when the input cannot be read again. */
    private long idsLeft(FileJob job) {
        try (IdBatcher batcher = new IdBatcher(RecordReaders.open(job.input()), batchSize, cache, spillDirectory)) {
            long left = 0;
            while (batcher.hasNext()) {
                IdBatch batch = batcher.next();
                left += batch.entries().stream().filter(e -> e.stored() == null).count()
                        + batch.names().stream().filter(n -> n.stored() == null).count();
            }
            return left;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Drops partial outputs of a file whose processing failed for a reason other than its content. */
    public void abandon(@ExchangeProperty(JOB) FileJob job) {
        if (job != null) {
            job.abandon();
            status.fileFailed();
        }
    }

    private static Throwable rootInputFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof dev.artistenricher.inbox.InputFileException) {
                return t;
            }
        }
        return failure;
    }
}
