package dev.artistenricher.enrich;

import java.util.List;

/** Artists already fetched and still fresh, looked up several IDs at a time (one trip to the store). */
@FunctionalInterface
public interface StoredArtists {

    /**
     * Stands for "Spotify said this ID is unknown" (within {@code enricher.cache.not-found-ttl}):
     * compared by identity, never written out.
     */
    byte[] NOT_FOUND = new byte[0];

    /**
     * The stored artist JSON (UTF-8) of each ID, in the same order: {@link #NOT_FOUND} where Spotify
     * answered that the ID is unknown, {@code null} where nothing fresh is stored.
     */
    List<byte[]> lookup(List<String> ids);
}
