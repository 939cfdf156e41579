package dev.artistenricher.inbox;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens an input file as UTF-8 text: refuses binary content, drops a byte order mark, replaces undecodable bytes. */
final class TextInput {

    private static final int SNIFF_BYTES = 8192;

    private TextInput() {
    }

    static Reader open(Path file) throws IOException {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        } catch (NoSuchFileException e) {
            throw new InputFileException("file vanished before it could be read");
        } catch (IOException e) {
            throw new InputFileException("cannot read file: " + e.getMessage(), e);
        }
        try {
            in.mark(SNIFF_BYTES);
            byte[] head = in.readNBytes(SNIFF_BYTES);
            in.reset();
            for (byte b : head) {
                if (b == 0) {
                    throw new InputFileException("not a text file (binary content)");
                }
            }
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                in.skipNBytes(3);
            }
            // undecodable bytes become U+FFFD, which no ID contains: the line is rejected, the file goes on
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
