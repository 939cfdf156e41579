package dev.artistenricher.sandbox;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class (starting one takes milliseconds, but no need to repeat it), clean state per test. */
abstract class EmulatorTestBase {

    static final String RADIOHEAD = "4Z8W4fKeB5YxbusRsdQVPb";
    static final String UNKNOWN = "0000000000000000000000";

    static SpotifyEmulator emulator;
    static EmulatorClient client;
    String token;

    @BeforeAll
    static void startEmulator() throws IOException {
        emulator = SpotifyEmulator.start(0);
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void cleanState() {
        emulator.controls().reset();
        emulator.stats().reset();
        token = client.token();
        emulator.stats().reset();
    }
}
