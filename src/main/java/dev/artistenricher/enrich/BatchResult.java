package dev.artistenricher.enrich;

import java.util.List;

/**
 * What became of one {@link IdBatch}: the artist JSON of each found ID in input order, and every
 * reject of the slice ordered by line.
 */
public record BatchResult(long seq, List<String> artists, List<Reject> rejects, int apiCalls) {
}
