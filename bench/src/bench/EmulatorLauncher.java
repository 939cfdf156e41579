package bench;

import dev.artistenricher.sandbox.EmulatorStats;
import dev.artistenricher.sandbox.SpotifyEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The project's Spotify emulator ({@link SpotifyEmulator}, synthetic catalog) in a JVM of its own,
 * driven over stdin/stdout by {@link Bench} so that the application's JVM is measured alone while
 * the emulator's own counters stay readable. One command per line, one answer line each:
 *
 * <pre>
 * latency &lt;ms&gt;      set the injected latency             -> ok
 * lifetime &lt;s&gt;      set the lifetime of tokens issued     -> ok
 * reset             zero the counters, arm the first-call watch -> ok
 * stats             -> {"apiCalls":..,"tokenRequests":..,"expiredTokenCalls":..,"maxConcurrent":..,
 *                       "firstTokenEpochMs":..,"firstApiCallEpochMs":..}
 * quit              stop
 * </pre>
 *
 * The first-call watch polls the counters every millisecond (bounded: it stops at the first API
 * call or after 10 minutes), giving the wall-clock time of the first token request and first API call.
 */
public final class EmulatorLauncher {

    private static volatile long firstToken;
    private static volatile long firstApiCall;
    private static volatile Thread watcher;

    public static void main(String[] args) throws Exception {
        SpotifyEmulator emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        emulator.controls().latency(Duration.ZERO);
        System.out.println("base-url=" + emulator.baseUrl());
        System.out.println("token-url=" + emulator.tokenUrl());
        System.out.println("api-url=" + emulator.apiUrl());
        System.out.println("client-id=" + SpotifyEmulator.DEMO_CLIENT_ID);
        System.out.println("client-secret=" + SpotifyEmulator.DEMO_CLIENT_SECRET);
        System.out.println("ready");
        System.out.flush();
        EmulatorStats stats = emulator.stats();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] cmd = line.trim().split("\\s+");
            switch (cmd[0]) {
                case "latency" -> {
                    emulator.controls().latency(Duration.ofMillis(Long.parseLong(cmd[1])));
                    System.out.println("ok");
                }
                case "lifetime" -> {
                    emulator.controls().tokenLifetime(Duration.ofSeconds(Long.parseLong(cmd[1])));
                    System.out.println("ok");
                }
                case "reset" -> {
                    stopWatch();
                    stats.reset();
                    firstToken = 0;
                    firstApiCall = 0;
                    startWatch(stats);
                    System.out.println("ok");
                }
                case "stats" -> System.out.println("{\"apiCalls\":" + stats.apiCalls()
                        + ",\"batchCalls\":" + stats.batchCalls()
                        + ",\"singleCalls\":" + stats.singleCalls()
                        + ",\"tokenRequests\":" + stats.tokenRequests()
                        + ",\"expiredTokenCalls\":" + stats.expiredTokenCalls()
                        + ",\"unknownTokenCalls\":" + stats.unknownTokenCalls()
                        + ",\"maxConcurrent\":" + stats.maxConcurrentCalls()
                        + ",\"idsServed\":" + stats.idsServed()
                        + ",\"firstTokenEpochMs\":" + firstToken
                        + ",\"firstApiCallEpochMs\":" + firstApiCall + "}");
                case "quit" -> {
                    stopWatch();
                    emulator.close();
                    System.out.println("ok");
                    System.out.flush();
                    return;
                }
                default -> System.out.println("error unknown command " + cmd[0]);
            }
            System.out.flush();
        }
        stopWatch();
        emulator.close();
    }

    private static void startWatch(EmulatorStats stats) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis();
                if (firstToken == 0 && stats.tokenRequests() > 0) {
                    firstToken = now;
                }
                if (stats.apiCalls() > 0) {
                    firstApiCall = now;
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "first-call-watch");
        t.setDaemon(true);
        t.start();
        watcher = t;
    }

    private static void stopWatch() throws InterruptedException {
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
            t.join(1000);
        }
    }
}
