package dev.artistenricher.outbox;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One output file written under a hidden temporary name in the outbox and renamed into place only
 * when complete, so a reader (or a restart after a kill) never sees a partial file under the final name.
 */
final class OutboxFile {

    private final Path target;
    private final Path temp;
    private BufferedWriter writer;

    OutboxFile(Path target) {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    Writer writer() throws IOException {
        if (writer == null) {
            writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        }
        return writer;
    }

    boolean isOpen() {
        return writer != null;
    }

    /** Flushes, closes and renames into place (replacing an older file of the same name). */
    void commit() throws IOException {
        writer().close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the temporary file. */
    void discard() {
        try {
            if (writer != null) {
                writer.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing to save: the next attempt overwrites it
        }
    }

    Path target() {
        return target;
    }
}
