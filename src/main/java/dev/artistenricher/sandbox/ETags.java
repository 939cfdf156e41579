package dev.artistenricher.sandbox;

/** Entity tags for artist responses, so clients can revalidate with {@code If-None-Match} and get 304. */
final class ETags {

    private ETags() {
    }

    /**
     * A strong, quoted ETag derived from the body only, so it is stable across emulator instances:
     * its CRC-32C (an intrinsic of the JVM: every batch answer of a benchmark gets one) and its length.
     */
    static String of(byte[] body) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body, 0, body.length);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(body.length) + "\"";
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
