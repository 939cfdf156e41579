package bench;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes chunks of JSON lines strictly in chunk order, whatever order they finish in (as the app does). */
final class OrderedWriter {

    private final Writer out;
    private final Map<Long, List<String>> waiting = new HashMap<>();
    private long next;
    private long lines;

    OrderedWriter(Writer out) {
        this.out = out;
    }

    synchronized void accept(long seq, List<String> artists) throws IOException {
        waiting.put(seq, artists);
        List<String> ready;
        while ((ready = waiting.remove(next)) != null) {
            for (String artist : ready) {
                out.write(artist);
                out.write('\n');
            }
            lines += ready.size();
            next++;
        }
    }

    synchronized long lines() {
        return lines;
    }
}
