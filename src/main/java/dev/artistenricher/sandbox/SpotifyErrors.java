package dev.artistenricher.sandbox;

import java.nio.charset.StandardCharsets;

/** Error bodies in the two shapes Spotify uses: Web API ({@code {"error":{...}}}) and OAuth token endpoint. */
final class SpotifyErrors {

    private SpotifyErrors() {
    }

    /** Web API error object: {@code {"error":{"status":..,"message":".."}}}. */
    static byte[] api(int status, String message) {
        return utf8("{\"error\":{\"status\":" + status + ",\"message\":\"" + message + "\"}}");
    }

    /** Web API error object with a {@code reason}, as used for the Development Mode quota. */
    static byte[] api(int status, String message, String reason) {
        return utf8("{\"error\":{\"status\":" + status + ",\"message\":\"" + message
                + "\",\"reason\":\"" + reason + "\"}}");
    }

    /** The message Spotify puts in the body for a status when nothing more specific applies. */
    static String defaultMessage(int status) {
        switch (status) {
            case 400: return "Bad request";
            case 401: return "Missing/invalid/expired access token";
            case 403: return "Forbidden";
            case 404: return "Service not found";
            case 405: return "Method not allowed";
            case 429: return "API rate limit exceeded";
            case 500: return "Server error";
            case 502: return "Bad gateway";
            case 503: return "Service unavailable";
            case 504: return "Gateway timeout";
            default: return "Error";
        }
    }

    /** OAuth error: {@code {"error":".."}}. */
    static byte[] oauth(String error) {
        return utf8("{\"error\":\"" + error + "\"}");
    }

    /** OAuth error with description: {@code {"error":"..","error_description":".."}}. */
    static byte[] oauth(String error, String description) {
        return utf8("{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
