package dev.artistenricher.inbox;

import java.io.IOException;

/** An input file that cannot be processed at all (not text, unreadable, not the JSON it claims): it goes to {@code .error}. */
public final class InputFileException extends IOException {

    public InputFileException(String reason) {
        super(reason);
    }

    public InputFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
