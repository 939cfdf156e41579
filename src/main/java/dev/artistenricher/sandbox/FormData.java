package dev.artistenricher.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parses {@code application/x-www-form-urlencoded} text: form bodies and URL query strings. */
final class FormData {

    private FormData() {
    }

    /**
     * Name/value pairs, URL-decoded; the first occurrence of a name wins. A {@code null} or empty
     * input gives an empty map.
     */
    static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** Decodes one form-encoded component; undecodable input is kept as is rather than failing the request. */
    static String decode(String component) {
        try {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return component;
        }
    }

    /** Decodes one URL path segment: like {@link #decode} but a '+' stays a '+'. */
    static String decodePathSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment; // fast path: IDs never need decoding
        }
        return decode(segment.replace("+", "%2B"));
    }
}
