package dev.artistenricher.queue;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.Reject;
import dev.artistenricher.enrich.RejectJson;
import dev.artistenricher.enrich.StoredArtists;
import dev.artistenricher.inbox.IdBatcher;
import dev.artistenricher.inbox.MessageRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one consumed message (or one poll of Kafka records) asks for: its IDs cut into
 * {@link IdBatch}es by the same {@link IdBatcher} as files (parsed, de-duplicated, at most
 * {@code enricher.batch-size} IDs to fetch per API call), and the way back from a result to the
 * output messages.
 */
public final class QueueInput {

    private final MessageRecords records;
    private final IdBatcher batcher;
    private final List<String> sources;

    /**
     * @param bodies         the message bodies, in consumption order
     * @param sources        a label per body for the rejects ({@code topic-partition@offset}), or null entries
     * @param spillDirectory where the distinct IDs go should a message hold too many for the heap
     */
    public QueueInput(List<String> bodies, List<String> sources, int batchSize, StoredArtists stored,
            Path spillDirectory) {
        this.records = new MessageRecords(bodies);
        this.batcher = new IdBatcher(records, batchSize, stored, spillDirectory);
        this.sources = sources;
    }

    public Iterator<IdBatch> batches() {
        return batcher;
    }

    public int messages() {
        return sources.size();
    }

    /** One output message per artist found, in input order, each with its artist ID. */
    public static List<ArtistMessage> artists(BatchResult result) {
        List<ArtistMessage> out = new ArrayList<>(result.artists().size());
        for (byte[] json : result.artists()) {
            out.add(ArtistMessage.of(new String(json, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** One message per reject, its {@code line} being the position inside its own message. */
    public List<RejectMessage> rejects(BatchResult result) {
        List<RejectMessage> out = new ArrayList<>(result.rejects().size());
        for (Reject reject : result.rejects()) {
            MessageRecords.Origin origin = records.origin(reject.line());
            out.add(new RejectMessage(RejectJson.of(origin.position(), reject), sources.get(origin.message())));
        }
        return out;
    }

    /** An artist on its way out: its ID becomes the {@code artistId} header (and the Kafka key). */
    public record ArtistMessage(String id, String json) {
        static ArtistMessage of(String json) {
            return new ArtistMessage(ArtistIds.idOf(json), json);
        }
    }

    /** A reject on its way out; {@code source} names the consumed record when known. */
    public record RejectMessage(String json, String source) {
    }
}
