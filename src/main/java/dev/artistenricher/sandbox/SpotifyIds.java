package dev.artistenricher.sandbox;

/** Syntax of Spotify IDs: exactly 22 base-62 characters. */
final class SpotifyIds {

    static final int LENGTH = 22;

    private SpotifyIds() {
    }

    /** True if {@code id} could be a Spotify ID (says nothing about whether it exists). */
    static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean base62 = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!base62) {
                return false;
            }
        }
        return true;
    }
}
