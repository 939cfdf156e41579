package dev.artistenricher.support;

import dev.artistenricher.sandbox.SpotifyEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class against one Spotify emulator on a loopback port (started once per class, reset
 * before each test) and a fresh application harness in a temporary folder.
 */
public abstract class EmulatorTest {

    protected static SpotifyEmulator emulator;

    @TempDir
    protected Path dir;
    protected EnricherHarness app;

    @BeforeAll
    static void startEmulator() throws IOException {
        emulator = SpotifyEmulator.start(0);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void resetEmulatorAndApplication() throws IOException {
        emulator.controls().reset();
        emulator.stats().reset();
        app = new EnricherHarness(emulator, dir);
    }

    protected static List<String> catalogIds() {
        return emulator.catalog().ids();
    }

    /** The artist line the outbox must hold for a catalog ID, exactly as the emulator serves it. */
    protected static String artistLine(String id) {
        return artistLine(id, false);
    }

    protected static String artistLine(String id, boolean developmentMode) {
        return new String(emulator.catalog().artistJson(id, developmentMode).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** The expected {@code .jsonl}: distinct IDs in order of first appearance. */
    protected static List<String> artistLines(List<String> ids) {
        return ids.stream().distinct().map(EmulatorTest::artistLine).toList();
    }
}
