package dev.artistenricher.schedule;

import dev.artistenricher.config.ScheduleSettings;
import dev.artistenricher.inbox.FileJob;
import dev.artistenricher.inbox.FileJobs;
import dev.artistenricher.outbox.OutboxFile;
import dev.artistenricher.outbox.Summary;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.run.ScheduleStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of {@code routes/schedule.camel.yaml}: a round takes every watch list of
 * {@code enricher.schedule.lists}, has each enriched afresh by the enrich route into a dated
 * snapshot, writes what changed since the list's previous snapshot, and keeps the newest
 * {@code enricher.schedule.keep}. One round runs at a time.
 */
public final class WatchListRounds {

    /** The exchange property that carries the {@link WatchListRound} under way. */
    public static final String ROUND = "watchListRound";

    private static final Logger LOG = LoggerFactory.getLogger(WatchListRounds.class);
    private static final Set<String> LIST_ENDINGS = Set.of("txt", "csv", "json", "jsonl");

    private final ScheduleSettings settings;
    private final Path snapshots;
    private final FileJobs fileJobs;
    private final ScheduleStats stats;
    private final RunStatus status;
    private final Clock clock;
    private final LastRound lastRound;
    private final Semaphore oneAtATime = new Semaphore(1);
    /** A round stopped by a long rate-limit wait: it runs again when the wait is over. */
    private volatile boolean owedAfterPark;

    public WatchListRounds(ScheduleSettings settings, Path outbox, FileJobs fileJobs, ScheduleStats stats,
            RunStatus status, Clock clock) {
        this.settings = settings;
        this.snapshots = outbox.resolve("snapshots");
        this.fileJobs = fileJobs;
        this.stats = stats;
        this.status = status;
        this.clock = clock;
        this.lastRound = new LastRound(snapshots);
    }

    /**
     * Starts a round (after the one under way, if any) and returns the watch lists, by name: the
     * files of {@code enricher.schedule.lists} with an input ending, hidden ones left alone.
     */
    public List<Path> start(Exchange exchange) throws IOException, InterruptedException {
        oneAtATime.acquire();
        try {
            WatchListRound round = new WatchListRound(startOfRound());
            exchange.setProperty(ROUND, round);
            Files.createDirectories(settings.lists());
            List<Path> lists;
            try (Stream<Path> files = Files.list(settings.lists())) {
                lists = files.filter(Files::isRegularFile).filter(WatchListRounds::isList).sorted().toList();
            }
            LOG.info("Watch-list round {}: {} list(s) in {}", round.stamp(), lists.size(), settings.lists());
            return lists;
        } catch (IOException | RuntimeException e) {
            exchange.removeProperty(ROUND); // nothing to end: the round never started
            oneAtATime.release();
            throw e;
        }
    }

    /**
     * Now, or a second after the last completed round if that is not earlier: the stamp names the
     * snapshots, so two rounds within one second (two quick {@code --snapshot} runs) must not share one.
     */
    private java.time.Instant startOfRound() {
        java.time.Instant now = clock.instant();
        java.time.Instant last = lastRound.read().orElse(java.time.Instant.EPOCH).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).isAfter(last) ? now : last.plusSeconds(1);
    }

    private static boolean isList(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && LIST_ENDINGS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The job of one list: enriched afresh into {@code <outbox>/snapshots/<list>/<stamp>.jsonl}. */
    public FileJob open(@Body Path list, @ExchangeProperty(ROUND) WatchListRound round, Exchange exchange) throws IOException {
        SnapshotFolder folder = new SnapshotFolder(snapshots, listName(list));
        FileJob job = fileJobs.openAfresh(list, folder.paths(round.stamp()), exchange);
        round.enriching(job, folder);
        return job;
    }

    /** The list's name: its file name without the ending. */
    static String listName(Path list) {
        String name = list.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    /**
     * The list's snapshot is complete: its outputs go in place, then what changed against the
     * previous snapshot ({@code <stamp>.changes.jsonl}; none for a list's first snapshot), then the
     * snapshots beyond {@code enricher.schedule.keep} go.
     */
    public void complete(@ExchangeProperty(FileJobs.JOB) FileJob job, @ExchangeProperty(ROUND) WatchListRound round)
            throws IOException {
        SnapshotFolder folder = round.currentFolder();
        Summary summary = job.complete();
        round.listDone();
        String changes = "first snapshot";
        Optional<Path> previous = folder.before(round.stamp());
        if (previous.isPresent()) {
            OutboxFile out = new OutboxFile(folder.changes(round.stamp()));
            ArtistChanges.Counts counts;
            try {
                counts = ArtistChanges.write(previous.get(), job.paths().artists(), out);
                out.commit();
            } catch (IOException | RuntimeException e) {
                out.discard();
                throw e;
            }
            stats.changesFound(ScheduleStats.APPEARED, counts.appeared());
            stats.changesFound(ScheduleStats.DISAPPEARED, counts.disappeared());
            stats.changesFound(ScheduleStats.CHANGED, counts.changed());
            changes = counts.appeared() + " appeared, " + counts.disappeared() + " disappeared, " + counts.changed() + " changed";
        }
        folder.keepNewest(settings.keep());
        LOG.info("Snapshot of {}: {} enriched, {} rejected, {} API calls ({} not modified) in {} ms ({}) -> {}",
                summary.source(), summary.enriched(), summary.rejected(), summary.apiCalls(), job.notModified(),
                summary.durationMs(), changes, job.paths().artists());
    }

    /** Every list was written: the round counts as done for the cron ({@code .last-round}). */
    public void completed(@ExchangeProperty(ROUND) WatchListRound round) throws IOException {
        owedAfterPark = false;
        lastRound.completedAt(round.startedAt());
        stats.roundEnded(ScheduleStats.COMPLETED);
        LOG.info("Watch-list round {} completed: {} list(s)", round.stamp(), round.lists());
    }

    /**
     * A long rate-limit wait stopped the round: the list under way loses its partial snapshot (the
     * lists done keep theirs), and the round runs again once the wait is over.
     */
    public void parked(@ExchangeProperty(ROUND) WatchListRound round) {
        if (round != null) {
            round.abandon();
        }
        owedAfterPark = !status.isOnce();
        stats.roundEnded(ScheduleStats.PARKED);
    }

    /** Anything else stopped the round (a list that cannot be read, the outbox not writable, ...). */
    public void failed(@ExchangeProperty(ROUND) WatchListRound round,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        String list = round == null || round.current() == null ? "" : " on " + round.current().source();
        if (round != null) {
            round.abandon();
        }
        stats.roundEnded(ScheduleStats.FAILED);
        status.fileFailed();
        LOG.error("Watch-list round {} failed{}: {}; no snapshot of that list this round", round == null ? "" : round.stamp(),
                list, reason(failure));
    }

    /** The innermost message: the splitters wrap the list's own failure. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == null) {
            return "unknown";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The {@code doFinally} of every round: the next one may start. */
    public void end(@ExchangeProperty(ROUND) WatchListRound round) {
        if (round != null) {
            oneAtATime.release();
        }
    }

    /**
     * At start-up: whether the cron had a trigger since the last completed round while the
     * application was down (one round is owed, however many triggers were missed).
     */
    public boolean roundOwed() {
        Optional<String> cron = settings.cron();
        if (cron.isEmpty()) {
            return false;
        }
        try {
            boolean owed = lastRound.owed(new CronExpression(cron.get()), clock.instant());
            if (owed) {
                LOG.info("A scheduled watch-list round was missed while the application was down: running it now");
            }
            return owed;
        } catch (ParseException e) {
            throw new IllegalStateException(e); // validated by ScheduleSettings
        }
    }

    /** After a rate-limit park: whether a parked round is still owed (taken: it is owed once). */
    public boolean takeRoundOwedAfterPark() {
        boolean owed = owedAfterPark;
        owedAfterPark = false;
        return owed;
    }
}
