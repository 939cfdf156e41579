package dev.artistenricher.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * A name resolved to an artist, as written to {@code <base>.matches.jsonl}.
 *
 * @param match how it was chosen: {@value #EXACT} (the one result of that name), {@value #FOLLOWERS}
 *              or {@value #POPULARITY} (several of that name, told apart by the field)
 */
public record NameMatch(long line, String input, String name, String id, String match) {

    public static final String EXACT = "exact";
    public static final String FOLLOWERS = "followers";
    public static final String POPULARITY = "popularity";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code {"line":N,"input":"...","name":"...","id":"...","match":"exact|followers|popularity"}} */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("line", line);
        node.put("input", input);
        node.put("name", name);
        node.put("id", id);
        node.put("match", match);
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
