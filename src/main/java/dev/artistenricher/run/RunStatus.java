package dev.artistenricher.run;

import org.apache.camel.Exchange;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this run has done so far, and how {@code --once} ends: the inbox route reports here, and
 * once the inbox is idle the run is told to finish with the right exit code.
 */
public final class RunStatus {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    /** EX_TEMPFAIL: the work was parked by a long rate-limit wait; run again later. */
    public static final int EXIT_PARKED = 75;

    private final boolean once;
    private final Runnable finish;
    private final AtomicLong filesFailed = new AtomicLong();

    private final AtomicLong idsIn = new AtomicLong();
    private final AtomicLong idsAnswered = new AtomicLong();
    private final AtomicLong artists = new AtomicLong();
    private final Map<String, AtomicLong> rejectsByReason = new ConcurrentHashMap<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final AtomicReference<String> parked = new AtomicReference<>();
    private volatile boolean finished;

    /**
     * @param once   whether the run ends when the inbox is empty
     * @param finish asks the application to stop (Camel Main's completion)
     */
    public RunStatus(boolean once, Runnable finish) {
        this.once = once;
        this.finish = finish;
    }

    /** Counts what one enriched batch brought: its IDs, the artists found and the reason of each reject. */
    public void progress(int ids, int artistsFound, Collection<String> rejectReasons) {
        idsIn.addAndGet(ids);
        artists.addAndGet(artistsFound);
        for (String reason : rejectReasons) {
            rejectsByReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * Counts IDs answered as the work goes, from the store or by Spotify, whether or not their
     * batch has been written yet: what "IDs done" means when the work is parked.
     */
    public void answered(int ids) {
        idsAnswered.addAndGet(ids);
    }

    public long idsAnswered() {
        return idsAnswered.get();
    }

    public void fileFailed() {
        filesFailed.incrementAndGet();
    }

    /**
     * Called by the inbox route when a poll found nothing new. The enrichment of a file runs on the
     * splitter's threads, so the consumer polls again while a file is still in progress (it skips
     * that file): the run is only over when no other exchange of the route is in flight.
     */
    public void inboxIdle(Exchange idlePoll) {
        int inFlight = idlePoll.getContext().getInflightRepository().size(idlePoll.getFromRouteId());
        if (once && inFlight <= 1) {
            finishNow();
        }
    }

    /** Ends a {@code --snapshot} run: its round is over, however it ended (the exit code says how). */
    public void roundDone() {
        finishNow();
    }

    /** Ends the run at once for a reason that makes going on pointless (e.g. rejected credentials). */
    public void abort(String reason) {
        fatal.compareAndSet(null, reason);
        finishNow();
    }

    public boolean isOnce() {
        return once;
    }

    /** Ends a {@code --once} run because of a long rate-limit wait; {@code line} is what the user sees. */
    public void parked(String line) {
        parked.compareAndSet(null, line);
        finishNow();
    }

    public String parkedLine() {
        return parked.get();
    }

    private void finishNow() {
        if (!finished) {
            finished = true;
            finish.run();
        }
    }

    public int exitCode() {
        if (fatal.get() != null || filesFailed.get() > 0) {
            return EXIT_FAILED;
        }
        return parked.get() != null ? EXIT_PARKED : EXIT_OK;
    }

    public String fatalReason() {
        return fatal.get();
    }

    public long artists() {
        return artists.get();
    }

    public long rejects() {
        return rejectsByReason.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long rejects(String reason) {
        AtomicLong n = rejectsByReason.get(reason);
        return n == null ? 0 : n.get();
    }

    public long idsIn() {
        return idsIn.get();
    }
}
