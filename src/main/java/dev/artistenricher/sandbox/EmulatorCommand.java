package dev.artistenricher.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code --emulator} command: runs a {@link SpotifyEmulator} in the foreground so other
 * tools (curl, a second app instance, a load generator) can use it.
 */
public final class EmulatorCommand {

    private EmulatorCommand() {
    }

    /**
     * Starts the emulator, prints base URL, token URL, API URL, client id and client secret (one
     * {@code key=value} line each) and blocks until the JVM is told to stop (SIGTERM / Ctrl-C),
     * when a shutdown hook closes the emulator.
     *
     * <p>Note for callers: when this returns after a signal the JVM is already shutting down; do not
     * call {@code System.exit} from the thread that called it (it would block), simply return.
     *
     * @param args the arguments after {@code --emulator}
     * @return 0 after a normal stop or {@code --help}; 2 for a bad option; 1 if the port cannot be bound
     */
    public static int run(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        return run(args, System.out, System.err, stop, emulator -> Runtime.getRuntime().addShutdownHook(
                new Thread(() -> {
                    emulator.close();
                    stop.countDown();
                }, "spotify-emulator-shutdown")));
    }

    /** Hook installed once the emulator runs; lets tests stop it without signals. */
    interface StopHook {
        void install(SpotifyEmulator emulator);
    }

    /** Testable core of {@link #run(String[])}: returns once {@code stop} is counted down. */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop, StopHook hook) {
        EmulatorOptions options;
        try {
            options = EmulatorOptions.parse(args);
        } catch (EmulatorOptions.BadOptionException e) {
            err.println("emulator: " + e.getMessage() + " (try --emulator --help)");
            return 2;
        }
        if (options.help()) {
            out.println(EmulatorOptions.USAGE);
            return 0;
        }
        SpotifyEmulator emulator;
        try {
            emulator = SpotifyEmulator.start(options.port());
        } catch (IOException e) {
            err.println("emulator: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
            return 1;
        }
        options.applyTo(emulator.controls());
        hook.install(emulator);
        out.println("base-url=" + emulator.baseUrl());
        out.println("token-url=" + emulator.tokenUrl());
        out.println("api-url=" + emulator.apiUrl());
        out.println("client-id=" + SpotifyEmulator.DEMO_CLIENT_ID);
        out.println("client-secret=" + SpotifyEmulator.DEMO_CLIENT_SECRET);
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            emulator.close(); // idempotent, so racing the shutdown hook is fine
        }
        return 0;
    }
}
