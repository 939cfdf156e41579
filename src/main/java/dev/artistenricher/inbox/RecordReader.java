package dev.artistenricher.inbox;

import java.io.Closeable;
import java.io.IOException;

/** Streams the candidates of one input file, one at a time, in file order. */
public interface RecordReader extends Closeable {

    /** The next record, or {@code null} at the end of the file. */
    InputRecord next() throws IOException;

    /** Physical lines (or records) read so far. */
    long linesRead();
}
