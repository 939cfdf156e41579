package dev.artistenricher.schedule;

import dev.artistenricher.inbox.FileJob;
import java.time.Instant;

/**
 * One round over every watch list: when it started (the stamp of all its snapshots), and the list
 * being enriched, whose partial outputs go if the round stops (a park, a failure).
 */
public final class WatchListRound {

    private final Instant startedAt;
    private final String stamp;
    private volatile FileJob current;
    private volatile SnapshotFolder currentFolder;
    private int lists;

    WatchListRound(Instant startedAt) {
        this.startedAt = startedAt;
        this.stamp = SnapshotFolder.stamp(startedAt);
    }

    Instant startedAt() {
        return startedAt;
    }

    String stamp() {
        return stamp;
    }

    void enriching(FileJob job, SnapshotFolder folder) {
        this.current = job;
        this.currentFolder = folder;
    }

    FileJob current() {
        return current;
    }

    SnapshotFolder currentFolder() {
        return currentFolder;
    }

    /** The current list was written. */
    void listDone() {
        current = null;
        lists++;
    }

    int lists() {
        return lists;
    }

    /** Drops the partial outputs of the list being enriched, if any. */
    void abandon() {
        FileJob job = current;
        if (job != null) {
            job.abandon();
            current = null;
        }
    }
}
