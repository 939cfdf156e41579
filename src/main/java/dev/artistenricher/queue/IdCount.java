package dev.artistenricher.queue;

/**
 * How many IDs a message body holds, counted cheaply (no parsing) to decide when a batch of messages
 * is full: non-blank lines of text, or the elements of a JSON array. An over- or under-count only
 * moves where a batch ends; the IDs themselves are read by {@link QueueInput}.
 */
final class IdCount {

    private IdCount() {
    }

    static int of(String body) {
        int i = 0;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        if (i < body.length() && body.charAt(i) == '[') {
            int commas = 0;
            for (int j = i; j < body.length(); j++) {
                if (body.charAt(j) == ',') {
                    commas++;
                }
            }
            return commas + 1;
        }
        int lines = 0;
        boolean blank = true;
        for (int j = i; j < body.length(); j++) {
            char c = body.charAt(j);
            if (c == '\n') {
                lines += blank ? 0 : 1;
                blank = true;
            } else if (!Character.isWhitespace(c)) {
                blank = false;
            }
        }
        return lines + (blank ? 0 : 1);
    }
}
