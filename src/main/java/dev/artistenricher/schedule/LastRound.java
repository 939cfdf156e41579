package dev.artistenricher.schedule;

import dev.artistenricher.outbox.OutboxFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * When the last scheduled round completed, kept in {@code <outbox>/snapshots/.last-round} (one ISO
 * instant), so that a round the cron owed while the application was down runs once at start-up.
 * Quartz's own misfire policy (fire once now) covers a trigger missed while the application runs;
 * its in-memory job store forgets everything at a stop, hence this file.
 */
final class LastRound {

    private final Path file;

    LastRound(Path snapshots) {
        this.file = snapshots.resolve(".last-round");
    }

    Optional<Instant> read() {
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty(); // never ran (or the file is damaged): nothing is owed
        }
    }

    void completedAt(Instant at) throws IOException {
        Files.createDirectories(file.getParent());
        OutboxFile out = new OutboxFile(file);
        out.writeLine(at.toString());
        out.commit();
    }

    /**
     * Whether the cron had a trigger between the last completed round and {@code now}: one round is
     * owed, however many triggers were missed.
     */
    boolean owed(CronExpression cron, Instant now) {
        return read().map(last -> {
            Date next = cron.getNextValidTimeAfter(Date.from(last));
            return next != null && !next.toInstant().isAfter(now);
        }).orElse(false);
    }
}
