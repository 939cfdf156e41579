package dev.artistenricher.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of one {@link IdBatch}: the artists found, in input order (from IDs and from names),
 * every reject of the slice ordered by line, and how each name that found its artist matched.
 *
 * @param ids         the distinct IDs and names of the batch
 * @param notModified the calls Spotify answered 304 (the stored answer still current), among {@code apiCalls}
 */
public record BatchResult(long seq, int ids, List<Found> found, List<Reject> rejects, List<NameMatch> matches,
        int apiCalls, int notModified) {

    public BatchResult(long seq, int ids, List<Found> found, List<Reject> rejects, List<NameMatch> matches, int apiCalls) {
        this(seq, ids, found, rejects, matches, apiCalls, 0);
    }

    /**
     * One artist for the output.
     *
     * @param json  the artist object as Spotify sent it (UTF-8)
     * @param named whether a name found it (rather than its ID)
     */
    public record Found(long line, String id, byte[] json, boolean named) {
    }

    /** The artist JSON (UTF-8) of each artist found, in input order. */
    public List<byte[]> artists() {
        List<byte[]> artists = new ArrayList<>(found.size());
        for (Found artist : found) {
            artists.add(artist.json());
        }
        return artists;
    }
}
