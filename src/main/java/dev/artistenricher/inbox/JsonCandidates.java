package dev.artistenricher.inbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rule shared by {@code .json} and {@code .jsonl}: a string, or an object's {@code id} field, or
 * (an object without an {@code id}) its {@code name} field, an artist name.
 */
final class JsonCandidates {

    private JsonCandidates() {
    }

    static InputRecord toRecord(long line, String raw, JsonNode node) {
        if (node.isTextual()) {
            return InputRecord.of(line, node.asText());
        }
        if (node.isObject() && node.path("id").isTextual()) {
            return InputRecord.of(line, node.path("id").asText());
        }
        if (node.isObject() && !node.has("id") && node.path("name").isTextual()) {
            return InputRecord.name(line, node.path("name").asText());
        }
        return InputRecord.unreadable(line, raw, node.isObject() ? "object without a string id or name field" : "not a string or an object with an id");
    }
}
