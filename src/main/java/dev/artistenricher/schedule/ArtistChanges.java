package dev.artistenricher.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artistenricher.outbox.OutboxFile;
import dev.artistenricher.run.ScheduleStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed between two snapshots of a list, as {@code .changes.jsonl}: one line per artist that
 * appeared, disappeared or changed, the changed fields as {@code [before, after]}. Only fields
 * present in both snapshots are compared: an artist object without {@code followers},
 * {@code popularity} or {@code genres} (a Development Mode app) gets no invented change, and a field
 * Spotify adds or drops for everybody is no change of an artist. {@code followers} is compared by its
 * {@code total} ({@code followers.total}); every other field as a whole.
 *
 * <p>The previous snapshot is held in memory, parsed (a few KiB an artist: a list of 100,000 artists
 * takes a few hundred MiB); the new one is read as a stream.
 */
final class ArtistChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many lines of each kind ({@link ScheduleStats#KINDS}) a comparison wrote. */
    record Counts(long appeared, long disappeared, long changed) {
    }

    private ArtistChanges() {
    }

    static Counts write(Path previous, Path current, OutboxFile out) throws IOException {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(previous, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode artist = JSON.readTree(line);
                before.put(artist.path("id").asText(), artist);
            }
        }
        long appeared = 0;
        long changed = 0;
        try (BufferedReader reader = Files.newBufferedReader(current, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode after = JSON.readTree(line);
                JsonNode was = before.remove(after.path("id").asText());
                if (was == null) {
                    out.writeLine(JSON.writeValueAsString(line(after, ScheduleStats.APPEARED)));
                    appeared++;
                    continue;
                }
                ObjectNode fields = changedFields(was, after);
                if (!fields.isEmpty()) {
                    ObjectNode change = line(after, ScheduleStats.CHANGED);
                    change.set("fields", fields);
                    out.writeLine(JSON.writeValueAsString(change));
                    changed++;
                }
            }
        }
        for (JsonNode gone : before.values()) {
            out.writeLine(JSON.writeValueAsString(line(gone, ScheduleStats.DISAPPEARED)));
        }
        return new Counts(appeared, before.size(), changed);
    }

    private static ObjectNode line(JsonNode artist, String kind) {
        ObjectNode line = JSON.createObjectNode();
        line.put("id", artist.path("id").asText());
        line.set("name", artist.path("name"));
        line.put("change", kind);
        return line;
    }

    /** Field name (or {@code followers.total}) -> {@code [before, after]}, in field-name order. */
    static ObjectNode changedFields(JsonNode before, JsonNode after) {
        ObjectNode fields = JSON.createObjectNode();
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = after.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            JsonNode was = before.get(name);
            JsonNode now = after.get(name);
            if (was == null || was.equals(now)) {
                continue;
            }
            if (name.equals("followers") && was.has("total") && now.has("total")) {
                if (!was.get("total").equals(now.get("total"))) {
                    fields.set("followers.total", pair(was.get("total"), now.get("total")));
                }
                continue;
            }
            fields.set(name, pair(was, now));
        }
        return fields;
    }

    private static ArrayNode pair(JsonNode before, JsonNode after) {
        return JSON.createArrayNode().add(before).add(after);
    }
}
