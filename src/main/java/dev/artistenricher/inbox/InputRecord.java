package dev.artistenricher.inbox;

/**
 * One candidate of an input file before it is parsed: its line number and text.
 *
 * @param problem set when the record could not even be read as a candidate (e.g. a JSON Lines
 *                line that is not JSON); the record is then rejected with this detail
 */
public record InputRecord(long line, String text, String problem) {

    public static InputRecord of(long line, String text) {
        return new InputRecord(line, text, null);
    }

    public static InputRecord unreadable(long line, String text, String problem) {
        return new InputRecord(line, text, problem);
    }
}
