package dev.artistenricher.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Artists compared as JSON values (a tree's toString), whatever whitespace the wire had. */
final class EnrichAnswerJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichAnswerJson() {
    }

    static String normal(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
