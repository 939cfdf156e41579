package dev.artistenricher.enrich;

import java.util.List;

/**
 * A slice of one input, in input order: the distinct IDs first seen in it and the lines rejected
 * before they could become IDs. {@code seq} numbers the slices of one input from 0 so the writer
 * can put parallel results back in order.
 */
public record IdBatch(long seq, List<IdEntry> entries, List<Reject> invalid) {
}
