package dev.artistenricher.embed;

import dev.artistenricher.enrich.BatchResult;
import dev.artistenricher.enrich.IdBatch;
import dev.artistenricher.enrich.StoredArtists;
import dev.artistenricher.inbox.FirstAppearances;
import dev.artistenricher.inbox.IdBatcher;
import dev.artistenricher.inbox.MessageRecords;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The IDs of one message body handed to the enrichment by another Camel route, the Kamelet or
 * {@code POST /enrich}: cut into {@link IdBatch}es by the same {@link IdBatcher} as a file
 * (parsed, de-duplicated, answered from the store where it can), and the results of those batches
 * gathered back in input order, however many ran at once.
 */
public final class IdList {

    private final IdBatcher batcher;
    private final FirstAppearances firstAppearances;
    private final Map<Long, BatchResult> results = new ConcurrentSkipListMap<>();

    IdList(String body, int batchSize, StoredArtists store, Path spillDirectory) {
        this.batcher = new IdBatcher(new MessageRecords(List.of(body)), batchSize, store, spillDirectory);
        this.firstAppearances = batcher.firstAppearances();
    }

    /** The batches, read as the splitter asks for them. */
    public Iterator<IdBatch> batches() {
        return batcher;
    }

    /** A batch's result, from whichever thread enriched it. */
    void add(BatchResult result) {
        results.put(result.seq(), result);
    }

    /** Every batch's result in input order; call once all batches are done. The reader is closed. */
    EnrichAnswer answer() {
        long unique = batcher.uniqueIds();
        EnrichAnswer answer = EnrichAnswer.of(unique, results.values(), firstAppearances::of);
        try {
            // a very large body may have spilled its distinct IDs to a mapped file (DistinctIds)
            firstAppearances.close();
            batcher.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return answer;
    }
}
