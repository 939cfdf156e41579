package dev.artistenricher.enrich;

/**
 * The first appearance of a distinct artist name in an input ({@code name:<artist name>}, a CSV name
 * column, a JSON {@code name} field), to be resolved to an artist through Spotify's search.
 *
 * @param key    the name as compared ({@link NameMatcher#normalize}): names equal under it are one name
 * @param stored the search answer already in the store (a JSON array of artist objects), looked up
 *               when the name was read, or {@code null} when Spotify has to be asked
 */
public record NameEntry(long line, String input, String name, String key, byte[] stored) {

    public NameEntry withStored(byte[] answer) {
        return new NameEntry(line, input, name, key, answer);
    }
}
