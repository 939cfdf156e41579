package bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Hands out the input's IDs in numbered chunks of up to {@code size}, to any number of workers. */
final class ChunkReader {

    record Chunk(long seq, List<String> ids) {
    }

    private final BufferedReader in;
    private final int size;
    private long seq;

    ChunkReader(BufferedReader in, int size) {
        this.in = in;
        this.size = size;
    }

    /** The next chunk, or null at the end of the input. */
    synchronized Chunk next() throws IOException {
        List<String> ids = new ArrayList<>(size);
        String line;
        while (ids.size() < size && (line = in.readLine()) != null) {
            line = line.strip();
            if (!line.isEmpty()) {
                ids.add(line);
            }
        }
        return ids.isEmpty() ? null : new Chunk(seq++, ids);
    }
}
