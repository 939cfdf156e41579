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

    /** Nothing stored: every ID and name is asked of Spotify (a scheduled round enriches afresh). */
    StoredArtists NOTHING = ids -> java.util.Collections.nCopies(ids.size(), null);

    /**
     * The stored artist JSON (UTF-8) of each ID, in the same order: {@link #NOT_FOUND} where Spotify
     * answered that the ID is unknown, {@code null} where nothing fresh is stored.
     */
    List<byte[]> lookup(List<String> ids);

    /**
     * The stored search answer (a JSON array of artist objects) of each name key
     * ({@link NameMatcher#normalize}), {@code null} where nothing fresh is stored. A store that keeps
     * no names answers {@code null} for all: each name is then asked of Spotify.
     */
    default List<byte[]> lookupNames(List<String> keys) {
        return java.util.Collections.nCopies(keys.size(), null);
    }
}
