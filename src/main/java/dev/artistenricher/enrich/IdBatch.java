package dev.artistenricher.enrich;

import java.util.List;

/**
 * A slice of one input, in input order: the distinct IDs and artist names first seen in it and the
 * lines rejected before they could become either. {@code seq} numbers the slices of one input from 0
 * so the writer can put parallel results back in order.
 *
 * @param revalidate whether its artists are asked of Spotify afresh with the ETag of their stored
 *                   answer (a scheduled round): a 304 reuses what the store holds
 */
public record IdBatch(long seq, List<IdEntry> entries, List<NameEntry> names, List<Reject> invalid, boolean revalidate) {

    public IdBatch(long seq, List<IdEntry> entries, List<NameEntry> names, List<Reject> invalid) {
        this(seq, entries, names, invalid, false);
    }

    /** A slice without names. */
    public IdBatch(long seq, List<IdEntry> entries, List<Reject> invalid) {
        this(seq, entries, List.of(), invalid, false);
    }
}
