package dev.artistenricher.support;

import dev.artistenricher.sandbox.SpotifyEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Spotify emulator on a loopback port for a test class that is not an {@link EmulatorTest}
 * (tests on Camel's own test kit): {@code @RegisterExtension static final EmulatorExtension SPOTIFY}.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private SpotifyEmulator emulator;

    public SpotifyEmulator emulator() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = SpotifyEmulator.start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
