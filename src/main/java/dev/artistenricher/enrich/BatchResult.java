package dev.artistenricher.enrich;

import java.util.List;

/**
 * What became of one {@link IdBatch}: the artist JSON (UTF-8) of each found ID in input order, and every
 * reject of the slice ordered by line.
 *
 * @param ids the distinct IDs of the batch
 */
public record BatchResult(long seq, int ids, List<byte[]> artists, List<Reject> rejects, int apiCalls) {
}
