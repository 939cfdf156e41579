package dev.artistenricher.enrich;

/**
 * The first appearance of a distinct, well-formed artist ID in an input.
 *
 * @param stored the artist JSON already in the store, looked up when the ID was read, or
 *               {@code null} when it has to be fetched
 */
public record IdEntry(String id, long line, String input, byte[] stored) {

    public IdEntry withStored(byte[] artist) {
        return new IdEntry(id, line, input, artist);
    }
}
