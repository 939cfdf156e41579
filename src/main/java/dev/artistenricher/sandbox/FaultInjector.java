package dev.artistenricher.sandbox;

import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;

/** Decides whether a call that passed auth and throttling fails anyway: injected statuses, dropped connections, random 5xx. */
final class FaultInjector {

    /** What to do with a call. */
    enum Kind { NONE, RESPOND, DROP }

    /** The decision; {@code rejection} is set for {@link Kind#RESPOND}. */
    record Fault(Kind kind, ApiRejection rejection) {
    }

    private static final Fault NONE = new Fault(Kind.NONE, null);
    private static final Fault DROP = new Fault(Kind.DROP, null);
    private static final int[] RANDOM_STATUSES = {500, 502, 503};

    private final EmulatorControls controls;
    private final ThrottleGate throttle;

    FaultInjector(EmulatorControls controls, ThrottleGate throttle) {
        this.controls = controls;
        this.throttle = throttle;
    }

    Fault decide(long now) {
        OptionalInt forced = controls.failNextInjection().claim();
        if (forced.isPresent()) {
            return new Fault(Kind.RESPOND, rejection(forced.getAsInt(), now));
        }
        double resetRate = controls.resetRate();
        double errorRate = controls.errorRate();
        if (resetRate == 0 && errorRate == 0) {
            return NONE;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (resetRate > 0 && random.nextDouble() < resetRate) {
            return DROP;
        }
        if (errorRate > 0 && random.nextDouble() < errorRate) {
            int status = RANDOM_STATUSES[random.nextInt(RANDOM_STATUSES.length)];
            return new Fault(Kind.RESPOND, rejection(status, now));
        }
        return NONE;
    }

    /** A forced status with the headers a real Spotify answer of that status would carry. */
    private ApiRejection rejection(int status, long now) {
        if (status == 401) {
            return BearerAuthenticator.invalidToken("Invalid access token");
        }
        byte[] body = SpotifyErrors.api(status, SpotifyErrors.defaultMessage(status));
        if (status == 429) {
            return throttle.announce(body, 1, now);
        }
        return ApiRejection.of(status, body);
    }
}
