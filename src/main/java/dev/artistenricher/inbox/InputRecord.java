package dev.artistenricher.inbox;

/**
 * One candidate of an input file before it is parsed: its line number and text.
 *
 * @param problem set when the record could not even be read as a candidate (e.g. a JSON Lines
 *                line that is not JSON); the record is then rejected with this detail
 * @param name    whether the text is an artist name (a CSV name column, a JSON {@code name} field)
 *                rather than an ID or a {@code name:} line
 */
public record InputRecord(long line, String text, String problem, boolean name) {

    public static InputRecord of(long line, String text) {
        return new InputRecord(line, text, null, false);
    }

    public static InputRecord unreadable(long line, String text, String problem) {
        return new InputRecord(line, text, problem, false);
    }

    /** An artist name from a field that holds names. */
    public static InputRecord name(long line, String text) {
        return new InputRecord(line, text, null, true);
    }

    /** The same record under another number. */
    InputRecord renumbered(long newLine) {
        return new InputRecord(newLine, text, problem, name);
    }
}
