package dev.artistenricher.inbox;

import dev.artistenricher.enrich.BatchResult;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which artists of an input's results are written: each artist once, where it first appears. The
 * {@link IdBatcher} keeps IDs distinct and names distinct, but an artist found by a name may stand in
 * the same input as an ID, before the name or after it. Asked about the results strictly in their
 * order (the ordered writer of a file, the gathering of a body's batches, the batches of a queue
 * message), this keeps the earlier one: the same input gives the same output whatever the timing.
 *
 * <p>Inputs without names cost nothing: until the batch of the first name, every result is passed
 * through. From there on, the IDs written are remembered; an ID read before the first name is known
 * to the batcher already, and is earlier than every name.
 */
public final class FirstAppearances implements Closeable {

    private final IdBatcher batcher;
    private final Path spillDirectory;
    /** The artists written from the batch of the first name on; created then. */
    private DistinctIds written;

    FirstAppearances(IdBatcher batcher, Path spillDirectory) {
        this.batcher = batcher;
        this.spillDirectory = spillDirectory;
    }

    /** The artists of the result that appear here first, in input order; results must come in sequence order. */
    public List<BatchResult.Found> of(BatchResult result) {
        if (result.seq() < batcher.firstNameBatch()) {
            return result.found();
        }
        if (written == null) {
            written = new DistinctIds(spillDirectory);
        }
        List<BatchResult.Found> first = new ArrayList<>(result.found().size());
        for (BatchResult.Found artist : result.found()) {
            boolean earlierAsId = artist.named() && batcher.seenBeforeFirstName(artist.id());
            if (!earlierAsId && written.add(artist.id())) {
                first.add(artist);
            }
        }
        return first;
    }

    /** Lets go of the tables of IDs; call once every result was asked about. */
    @Override
    public void close() {
        if (written != null) {
            written.close();
        }
        batcher.closeSeenBeforeFirstName();
    }
}
