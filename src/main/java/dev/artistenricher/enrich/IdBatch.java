package dev.artistenricher.enrich;

import java.util.List;

/**
 * A slice of one input, in input order: the distinct IDs and artist names first seen in it and the
 * lines rejected before they could become either. {@code seq} numbers the slices of one input from 0
 * so the writer can put parallel results back in order.
 */
public record IdBatch(long seq, List<IdEntry> entries, List<NameEntry> names, List<Reject> invalid) {

    /** A slice without names. */
    public IdBatch(long seq, List<IdEntry> entries, List<Reject> invalid) {
        this(seq, entries, List.of(), invalid);
    }
}
