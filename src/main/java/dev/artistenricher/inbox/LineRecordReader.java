package dev.artistenricher.inbox;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of any length in bounded memory: a line longer than {@link #MAX_LINE} characters
 * keeps only its start (and is then rejected as too long), so a 10 MB line without a newline
 * costs no more than a short one.
 */
class LineRecordReader implements RecordReader {

    static final int MAX_LINE = 4096;
    private static final String TOO_LONG = "line too long";

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    private long lines;
    private boolean eof;

    LineRecordReader(Reader reader) {
        this.reader = reader;
    }

    @Override
    public InputRecord next() throws IOException {
        StringBuilder line = new StringBuilder(64);
        boolean truncated = false;
        boolean sawAny = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            char c = buffer[pos++];
            if (c == '\n') {
                break;
            }
            if (line.length() < MAX_LINE) {
                line.append(c);
            } else {
                truncated = true;
            }
        }
        lines++;
        if (truncated && !isComment(line)) {
            return InputRecord.unreadable(lines, line.toString(), TOO_LONG);
        }
        return InputRecord.of(lines, line.toString());
    }

    /** A long comment is still a comment: skipped, not rejected. */
    private static boolean isComment(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\uFEFF') {
                return c == '#';
            }
        }
        return false;
    }

    private boolean fill() throws IOException {
        int n = reader.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public long linesRead() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
