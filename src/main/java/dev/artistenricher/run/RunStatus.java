package dev.artistenricher.run;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this run has done so far, and how {@code --once} ends: the inbox route reports here, and
 * once the inbox is idle the run is told to finish with the right exit code.
 */
public final class RunStatus {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    private final boolean once;
    private final Runnable finish;
    private final AtomicLong filesCompleted = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private final AtomicLong artists = new AtomicLong();
    private final AtomicLong rejects = new AtomicLong();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private volatile boolean finished;

    /**
     * @param once   whether the run ends when the inbox is empty
     * @param finish asks the application to stop (Camel Main's completion)
     */
    public RunStatus(boolean once, Runnable finish) {
        this.once = once;
        this.finish = finish;
    }

    public void progress(long artistsWritten, long rejectsWritten) {
        artists.addAndGet(artistsWritten);
        rejects.addAndGet(rejectsWritten);
    }

    public void fileCompleted() {
        filesCompleted.incrementAndGet();
    }

    public void fileFailed() {
        filesFailed.incrementAndGet();
    }

    /** Called by the inbox route when a poll found nothing to do. */
    public void inboxIdle() {
        if (once) {
            finishNow();
        }
    }

    /** Ends the run at once for a reason that makes going on pointless (e.g. rejected credentials). */
    public void abort(String reason) {
        fatal.compareAndSet(null, reason);
        finishNow();
    }

    private void finishNow() {
        if (!finished) {
            finished = true;
            finish.run();
        }
    }

    public int exitCode() {
        return fatal.get() != null || filesFailed.get() > 0 ? EXIT_FAILED : EXIT_OK;
    }

    public String fatalReason() {
        return fatal.get();
    }

    public long filesCompleted() {
        return filesCompleted.get();
    }

    public long filesFailed() {
        return filesFailed.get();
    }

    public long artists() {
        return artists.get();
    }

    public long rejects() {
        return rejects.get();
    }
}
