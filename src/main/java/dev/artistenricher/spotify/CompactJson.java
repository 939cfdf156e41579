package dev.artistenricher.spotify;

import java.util.Arrays;

/**
 * Removes the whitespace between the tokens of a piece of JSON, byte by byte, leaving everything
 * else exactly as sent: strings keep their escapes, numbers their spelling. A pretty-printed artist
 * object becomes one line of JSON Lines; a compact one comes out unchanged. The input must be
 * well-formed JSON (a parser has walked it), so inside a string a backslash always has a next byte.
 */
public final class CompactJson {

    private CompactJson() {
    }

    /** The bytes {@code json[from, to)} with the whitespace outside strings left out. */
    public static byte[] of(byte[] json, int from, int to) {
        byte[] out = new byte[to - from];
        int length = 0;
        boolean inString = false;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            if (inString) {
                out[length++] = b;
                if (b == '\\') {
                    out[length++] = json[++i]; // an escaped quote does not end the string
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out[length++] = b;
                inString = b == '"';
            }
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }
}
