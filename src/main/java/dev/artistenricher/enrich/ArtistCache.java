package dev.artistenricher.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Artists already fetched, reused for {@code enricher.cache.ttl}, bounded by the memory their
 * JSON takes ({@code enricher.cache.max-size-mb}) so that a list of millions cannot fill the heap.
 */
public final class ArtistCache {

    private final Cache<String, String> artists;

    public ArtistCache(Duration ttl, long maxBytes) {
        this.artists = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxBytes)
                // a String of n chars costs about 2n bytes plus its headers
                .weigher((String id, String json) -> 2 * json.length() + 80)
                .build();
    }

    public String get(String id) {
        return artists.getIfPresent(id);
    }

    public boolean contains(String id) {
        return artists.getIfPresent(id) != null;
    }

    public void put(String id, String artistJson) {
        artists.put(id, artistJson);
    }
}
