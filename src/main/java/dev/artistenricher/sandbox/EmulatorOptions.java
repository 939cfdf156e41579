package dev.artistenricher.sandbox;

import java.time.Duration;

/**
 * Command-line options of {@code --emulator}, parsed.
 *
 * @param port               TCP port, 0 = any free one
 * @param developmentMode    start in Development Mode
 * @param latency            latency added to every request
 * @param synthetic          serve generated artists for unknown well-formed IDs
 * @param tokenLifetime      lifetime of issued tokens
 * @param rateLimitPerWindow calls allowed per 30 s rolling window, 0 = unlimited
 * @param retryAfter         the Retry-After every rate-limit 429 announces, or zero for the time until the window frees
 * @param help               usage was asked for
 */
record EmulatorOptions(int port, boolean developmentMode, Duration latency, boolean synthetic,
                       Duration tokenLifetime, int rateLimitPerWindow, Duration retryAfter, boolean help) {

    /** Spotify's rolling rate-limit window. */
    static final Duration RATE_LIMIT_WINDOW = Duration.ofSeconds(30);

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: --emulator [--port N] [--dev-mode] [--latency-ms N] [--synthetic] [--token-lifetime-s N] [--rate-limit N [--retry-after-s N]]",
            "Runs a local Spotify Web API emulator on 127.0.0.1 until stopped (Ctrl-C).",
            "  --port N              TCP port (default 0 = any free port)",
            "  --dev-mode            Development Mode: batch endpoint 403, no followers/popularity/genres",
            "  --latency-ms N        add N ms to every request (default 0)",
            "  --synthetic           generate an artist for every well-formed unknown ID",
            "  --token-lifetime-s N  access token lifetime in seconds (default 3600)",
            "  --rate-limit N        allow N calls per rolling 30 s window (default 0 = unlimited)",
            "  --retry-after-s N     every rate-limit 429 says Retry-After: N, as the real service's short waits do",
            "                        (default: the time until the window frees)",
            "  --help                show this help");

    /** Thrown for an unknown option or a bad value; the message is meant for the user. */
    static final class BadOptionException extends Exception {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }

    static EmulatorOptions parse(String[] args) throws BadOptionException {
        int port = 0;
        boolean dev = false;
        boolean synthetic = false;
        boolean help = false;
        long latencyMs = 0;
        long lifetimeS = EmulatorControls.DEFAULT_TOKEN_LIFETIME.toSeconds();
        int rateLimit = 0;
        long retryAfterS = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port": port = (int) number(args, ++i, arg, 0, 65535); break;
                case "--dev-mode": dev = true; break;
                case "--latency-ms": latencyMs = number(args, ++i, arg, 0, 600_000); break;
                case "--synthetic": synthetic = true; break;
                case "--token-lifetime-s": lifetimeS = number(args, ++i, arg, 1, 86_400 * 365); break;
                case "--rate-limit": rateLimit = (int) number(args, ++i, arg, 0, Integer.MAX_VALUE); break;
                case "--retry-after-s": retryAfterS = number(args, ++i, arg, 1, 86_400); break;
                case "--help":
                case "-h": help = true; break;
                default: throw new BadOptionException("unknown option: " + arg);
            }
        }
        return new EmulatorOptions(port, dev, Duration.ofMillis(latencyMs), synthetic,
                Duration.ofSeconds(lifetimeS), rateLimit, Duration.ofSeconds(retryAfterS), help);
    }

    /** Applies everything except the port (which is needed before the server exists). */
    void applyTo(EmulatorControls controls) {
        controls.developmentMode(developmentMode);
        controls.latency(latency);
        controls.syntheticCatalog(synthetic);
        controls.tokenLifetime(tokenLifetime);
        controls.rateLimit(rateLimitPerWindow, RATE_LIMIT_WINDOW, retryAfter);
    }

    private static long number(String[] args, int index, String option, long min, long max) throws BadOptionException {
        if (index >= args.length) {
            throw new BadOptionException(option + " needs a value");
        }
        try {
            long value = Long.parseLong(args[index]);
            if (value < min || value > max) {
                throw new BadOptionException(option + " must be between " + min + " and " + max + ": " + args[index]);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadOptionException(option + " needs a whole number: " + args[index]);
        }
    }
}
