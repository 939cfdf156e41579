package dev.artistenricher.sandbox;

/** Entity tags for artist responses, so clients can revalidate with {@code If-None-Match} and get 304. */
final class ETags {

    private ETags() {
    }

    /** A strong, quoted ETag derived from the body only, so it is stable across emulator instances. */
    static String of(byte[] body) {
        long hash = 0xcbf29ce484222325L; // 64-bit FNV-1a: fast, and collisions are irrelevant at this scale
        for (byte b : body) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return "\"" + Long.toHexString(hash) + "\"";
    }

    /** True if an {@code If-None-Match} header value (possibly a list, weak tags or {@code *}) matches {@code etag}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2); // If-None-Match uses weak comparison
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
