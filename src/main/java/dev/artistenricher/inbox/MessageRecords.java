package dev.artistenricher.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidates of one or more queue messages, as a {@link RecordReader} so that they go through
 * the same {@link IdBatcher} (parsing, de-duplication, batching) as a file. A message body holds
 * IDs one per line, or a JSON array of strings (or objects with an {@code id}, or a {@code name});
 * a {@code name:<artist name>} line or string is a name.
 *
 * <p>Records are numbered across all the messages (1, 2, 3, ...), so that one poll of many Kafka
 * records can share API batches; {@link #origin(long)} maps such a number back to its message and
 * its 1-based position inside it, which is the {@code line} reported in a reject.
 */
public final class MessageRecords implements RecordReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ECHO = 200;

    /** Where a record came from: the index of its message and its 1-based position in it. */
    public record Origin(int message, long position) {
    }

    private final List<InputRecord> records = new ArrayList<>();
    private final List<Origin> origins = new ArrayList<>();
    private int next;

    public MessageRecords(List<String> bodies) {
        for (int m = 0; m < bodies.size(); m++) {
            List<InputRecord> own = parse(bodies.get(m));
            for (InputRecord record : own) {
                origins.add(new Origin(m, record.line()));
                records.add(record.renumbered(records.size() + 1));
            }
        }
    }

    /** The message and position of the record numbered {@code line} (1-based, across all messages). */
    public Origin origin(long line) {
        return origins.get((int) (line - 1));
    }

    @Override
    public InputRecord next() {
        return next < records.size() ? records.get(next++) : null;
    }

    @Override
    public long linesRead() {
        return next;
    }

    @Override
    public void close() {
        next = records.size();
    }

    /** One body: a JSON array, or lines (blank and {@code #} lines are skipped later, as in files). */
    static List<InputRecord> parse(String body) {
        List<InputRecord> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        if (text.stripLeading().startsWith("[")) {
            try {
                JsonNode array = JSON.readTree(text);
                if (array != null && array.isArray()) {
                    for (int i = 0; i < array.size(); i++) {
                        JsonNode node = array.get(i);
                        String raw = node.isTextual() ? node.asText() : JSON.writeValueAsString(node);
                        out.add(JsonCandidates.toRecord(i + 1, raw, node));
                    }
                    return out;
                }
            } catch (JsonProcessingException e) {
                out.add(InputRecord.unreadable(1, echo(text), "not valid JSON: " + e.getOriginalMessage()));
                return out;
            }
        }
        String[] lines = text.split("\n", -1);
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--; // a final newline ends the last line, it does not start another
        }
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            out.add(line.length() > LineRecordReader.MAX_LINE
                    ? InputRecord.unreadable(i + 1, echo(line), "line too long")
                    : InputRecord.of(i + 1, line));
        }
        return out;
    }

    private static String echo(String text) {
        String stripped = text.strip();
        return stripped.length() <= MAX_ECHO ? stripped : stripped.substring(0, MAX_ECHO) + "…";
    }
}
