package dev.artistenricher.enrich;

import java.util.List;

/** Artists already fetched and still fresh, looked up several IDs at a time (one trip to the store). */
@FunctionalInterface
public interface StoredArtists {

    /** The stored artist JSON (UTF-8) of each ID, in the same order, {@code null} where none is fresh. */
    List<byte[]> lookup(List<String> ids);
}
