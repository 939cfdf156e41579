package dev.artistenricher.enrich;

import java.util.List;

/**
 * A rejected input line, as written to {@code <base>.rejects.jsonl}.
 *
 * @param reason {@code invalid_id}, {@code not_found}, {@code ambiguous_name} or {@code api_error}
 */
public record Reject(long line, String input, String reason, String detail) {

    public static final String INVALID_ID = "invalid_id";
    public static final String NOT_FOUND = "not_found";
    public static final String API_ERROR = "api_error";
    /** An artist name that Spotify's search answered with several artists of that name, none preferred. */
    public static final String AMBIGUOUS_NAME = "ambiguous_name";
    /** Every reason a reject can have (SPEC.md). */
    public static final List<String> REASONS = List.of(INVALID_ID, NOT_FOUND, AMBIGUOUS_NAME, API_ERROR);

    /** Echoes at most this much of a hostile line back. */
    private static final int MAX_INPUT_ECHO = 1000;

    public static Reject invalid(long line, String input, String detail) {
        return new Reject(line, truncate(input), INVALID_ID, detail);
    }

    public static Reject of(IdEntry entry, String reason, String detail) {
        return new Reject(entry.line(), truncate(entry.input()), reason, detail);
    }

    public static Reject of(NameEntry entry, String reason, String detail) {
        return new Reject(entry.line(), truncate(entry.input()), reason, detail);
    }

    private static String truncate(String input) {
        return input.length() <= MAX_INPUT_ECHO ? input : input.substring(0, MAX_INPUT_ECHO) + "…";
    }
}
