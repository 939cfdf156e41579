package dev.artistenricher.outbox;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One output file written under a hidden temporary name in the outbox and renamed into place only
 * when complete, so a reader (or a restart after a kill) never sees a partial file under the final name.
 */
public final class OutboxFile {

    private final Path target;
    private final Path temp;
    private OutputStream out;

    public OutboxFile(Path target) {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    /** Appends one line: the bytes as they are (UTF-8 JSON), then a newline. */
    public void writeLine(byte[] utf8) throws IOException {
        OutputStream stream = stream();
        stream.write(utf8);
        stream.write('\n');
    }

    public void writeLine(String text) throws IOException {
        writeLine(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the (empty) temporary file if nothing was written yet. */
    OutputStream stream() throws IOException {
        if (out == null) {
            out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        }
        return out;
    }

    public boolean isOpen() {
        return out != null;
    }

    /** Flushes, closes and renames into place (replacing an older file of the same name). */
    public void commit() throws IOException {
        stream().close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Closes and deletes the temporary file. */
    public void discard() {
        try {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing to save: the next attempt overwrites it
        }
    }

    public Path target() {
        return target;
    }
}
