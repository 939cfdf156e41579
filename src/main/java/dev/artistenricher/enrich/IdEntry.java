package dev.artistenricher.enrich;

/** The first appearance of a distinct, well-formed artist ID in an input. */
public record IdEntry(String id, long line, String input) {
}
