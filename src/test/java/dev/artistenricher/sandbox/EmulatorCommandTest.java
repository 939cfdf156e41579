package dev.artistenricher.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void badOptionPrintsOneLineAndReturns2() {
        assertThat(EmulatorCommand.run(new String[] {"--bogus"})).isEqualTo(2);
        assertThat(run("--port", "nope")).isEqualTo(2);
        assertThat(run("--latency-ms")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void helpPrintsUsageAndReturns0() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: --emulator");
    }

    @Test
    void runsUntilStoppedAndPrintsConnectionDetails() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<SpotifyEmulator> started = new AtomicReference<>();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread runner = new Thread(() -> exitCode.set(EmulatorCommand.run(
                new String[] {"--dev-mode", "--latency-ms", "5", "--token-lifetime-s", "60", "--rate-limit", "100"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stop, started::set)));
        runner.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).lines().count() == 5);
        SpotifyEmulator emulator = started.get();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "base-url=" + emulator.baseUrl(), "token-url=" + emulator.tokenUrl(), "api-url=" + emulator.apiUrl(),
                "client-id=sandbox-client-id", "client-secret=sandbox-client-secret");
        EmulatorClient client = new EmulatorClient(emulator);
        assertThat(client.artists(client.token(), EmulatorTestBase.RADIOHEAD).statusCode()).isEqualTo(403);

        stop.countDown();
        runner.join(5_000);
        assertThat(exitCode.get()).isZero();
    }

    private int run(String... args) {
        return EmulatorCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new CountDownLatch(0), emulator -> { });
    }
}
