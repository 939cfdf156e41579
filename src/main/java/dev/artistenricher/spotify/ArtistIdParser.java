package dev.artistenricher.spotify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one line of user input into a Spotify artist ID (or an artist name to look up), or says
 * why it cannot.
 *
 * <p>Accepted: a bare ID (22 characters of {@code [0-9A-Za-z]}), {@code spotify:artist:<id>}, and
 * {@code https://open.spotify.com[/intl-xx]/artist/<id>[/][?query][#fragment]}. Everything that
 * comes out as an ID has been matched against the strict 22-character alphabet, so nothing else
 * can ever be placed into a request URL. A line {@code name:<artist name>} is a {@link Name}, resolved
 * through Spotify's search (its text goes into a URL only URL-encoded, as a query parameter).
 */
public final class ArtistIdParser {

    /** What a line turned out to be. */
    public sealed interface Result {
    }

    /** A blank line or a {@code #} comment: not counted as an ID, not rejected. */
    public record Skipped() implements Result {
    }

    public record Valid(String id) implements Result {
    }

    public record Invalid(String detail) implements Result {
    }

    /** An artist name ({@code name:<artist name>}), to be resolved to an ID through {@code /v1/search}. */
    public record Name(String name) implements Result {
    }

    /** What marks a line as an artist name rather than an ID (any case). */
    public static final String NAME_PREFIX = "name:";

    private static final Skipped SKIPPED = new Skipped();
    private static final int MAX_INPUT_LENGTH = 512;
    private static final int ID_LENGTH = 22;
    private static final Pattern URI_FORM = Pattern.compile("spotify:artist:([0-9A-Za-z]{22})");
    private static final Pattern URL_FORM = Pattern.compile(
            "https?://open\\.spotify\\.com/(?:intl-[A-Za-z]{2}(?:[-_][A-Za-z]{2,4})?/)?artist/([0-9A-Za-z]{22})/?(?:\\?[^#\\s]*)?(?:#\\S*)?",
            Pattern.CASE_INSENSITIVE);

    private ArtistIdParser() {
    }

    public static Result parse(String line) {
        if (line == null) {
            return SKIPPED;
        }
        String text = strip(line);
        if (text.isEmpty() || text.startsWith("#")) {
            return SKIPPED;
        }
        if (text.length() > MAX_INPUT_LENGTH) {
            return new Invalid("input too long (" + text.length() + " characters)");
        }
        if (isWellFormedId(text)) {
            return new Valid(text);
        }
        if (text.regionMatches(true, 0, NAME_PREFIX, 0, NAME_PREFIX.length())) {
            return parseName(text.substring(NAME_PREFIX.length()));
        }
        Matcher uri = URI_FORM.matcher(text);
        if (uri.matches()) {
            return new Valid(uri.group(1));
        }
        Matcher url = URL_FORM.matcher(text);
        if (url.matches() && hostIsExactlyOpenSpotify(text)) {
            return new Valid(url.group(1));
        }
        return new Invalid(explain(text));
    }

    /**
     * An artist name as the text of a name line or of a CSV / JSON {@code name} field: trimmed, not
     * blank, no control or undecodable characters.
     */
    public static Result parseName(String text) {
        String name = strip(text);
        if (name.isEmpty()) {
            return new Invalid("name: without an artist name");
        }
        if (name.length() > MAX_INPUT_LENGTH) {
            return new Invalid("input too long (" + name.length() + " characters)");
        }
        if (hasControlCharacters(name)) {
            return new Invalid("contains control or undecodable characters");
        }
        return new Name(name);
    }

    /**
     * True when the text is exactly a well-formed Spotify ID (the last check before a URL is built).
     * A plain loop rather than the regex: it runs twice for every ID of every input.
     */
    public static boolean isWellFormedId(String id) {
        if (id == null || id.length() != ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < ID_LENGTH; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostIsExactlyOpenSpotify(String text) {
        // the scheme is matched case-insensitively, but "open.spotify.com" must be followed by the path
        int start = text.indexOf("://") + 3;
        return text.regionMatches(true, start, "open.spotify.com/", 0, 17);
    }

    /** Trims spaces, tabs, a UTF-8 byte order mark and a trailing carriage return. */
    public static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isIgnorable(line.charAt(start))) {
            start++;
        }
        while (end > start && isIgnorable(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }

    private static boolean isIgnorable(char c) {
        return c == '\uFEFF' || c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\u00A0';
    }

    private static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\uFFFD') {
                return true;
            }
        }
        return false;
    }

    private static String explain(String text) {
        if (text.startsWith("spotify:") && !text.startsWith("spotify:artist:")) {
            return "not an artist URI";
        }
        if (text.startsWith("spotify:artist:")) {
            return "artist URI without a valid 22-character ID";
        }
        if (text.regionMatches(true, 0, "http", 0, 4)) {
            return "not an open.spotify.com artist URL";
        }
        if (hasControlCharacters(text)) {
            return "contains control or undecodable characters";
        }
        if (text.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            return "an ID has 22 characters, this has " + text.length();
        }
        return "not a Spotify artist ID, URI or URL";
    }
}
