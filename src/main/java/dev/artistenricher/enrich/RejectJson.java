package dev.artistenricher.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one serialized form of a {@link Reject}, shared by the outbox ({@code <base>.rejects.jsonl})
 * and the rejects endpoint of queue mode:
 * {@code {"line":N,"input":"...","reason":"invalid_id|not_found|api_error","detail":"..."}}.
 */
public final class RejectJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RejectJson() {
    }

    public static String of(Reject reject) {
        return of(reject.line(), reject);
    }

    /** The same reject reported at another line number (queue mode: the position inside its message). */
    public static String of(long line, Reject reject) {
        ObjectNode node = JSON.createObjectNode();
        node.put("line", line);
        node.put("input", reject.input());
        node.put("reason", reject.reason());
        node.put("detail", reject.detail());
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
