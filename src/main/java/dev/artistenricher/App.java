package dev.artistenricher;

import dev.artistenricher.config.ConfigurationException;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.TokenRequestException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The command line: daemon (default), {@code --once}, {@code --snapshot}, {@code --sandbox},
 * {@code --emulator}, {@code --help}.
 * Tests start the application through {@link #run(String[], Properties)} exactly as {@link #main} does.
 */
public final class App {

    public static final int EXIT_CONFIG = 2;
    /**
     * The working directory's file first, then the copy packaged in the jar. The packaged resources
     * live under {@code artist-enricher/}, so that in an application that has this jar as a Maven
     * dependency they never pass for its own {@code application.properties}, routes or log4j2
     * configuration.
     */
    static final String PROPERTIES_LOCATION =
            "file:application.properties;optional=true,classpath:artist-enricher/application.properties;optional=true";
    static final String PACKAGED_ROUTES = "classpath:artist-enricher/routes/*.camel.yaml";
    static final String PACKAGED_LOG4J2 = "classpath:artist-enricher/log4j2.properties";

    private final PrintStream out;
    private final PrintStream err;
    private volatile Main main;

    public App(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        useLog4j2Configuration();
        // the exit ends threads that brokers and HTTP clients may leave behind
        System.exit(new App(System.out, System.err).run(args, new Properties()));
    }

    /**
     * The packaged log4j2 configuration unless the user named one (system property or environment);
     * set before the first logger exists.
     */
    static void useLog4j2Configuration() {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null
                && System.getenv("LOG4J_CONFIGURATION_FILE") == null) {
            System.setProperty("log4j2.configurationFile", PACKAGED_LOG4J2);
        }
    }

    /**
     * Runs the application and returns its exit code.
     *
     * @param overrides properties that take precedence over every other source (tests, sandbox)
     */
    public int run(String[] args, Properties overrides) {
        List<String> options = new ArrayList<>(Arrays.asList(args));
        if (options.contains("--help") || options.contains("-h")) {
            out.print(Help.TEXT);
            return 0;
        }
        if (!options.isEmpty() && options.get(0).equals("--emulator")) {
            return dev.artistenricher.sandbox.EmulatorCommand.run(options.subList(1, options.size()).toArray(String[]::new));
        }
        boolean sandbox = options.remove("--sandbox");
        boolean snapshot = options.remove("--snapshot");
        boolean once = options.remove("--once") || sandbox || snapshot;
        if (snapshot && (sandbox || options.contains("--once"))) {
            err.println("--snapshot runs alone: not with --once or --sandbox (see --help)");
            return EXIT_CONFIG;
        }
        if (!options.isEmpty()) {
            err.println("unknown option: " + options.get(0) + " (see --help)");
            return EXIT_CONFIG;
        }
        Properties properties = new Properties();
        properties.putAll(overrides);
        if (once) {
            // --once starts reading the inbox only after the credentials were checked
            properties.setProperty("enricher.inbox.auto-startup", "false");
            // and tries each file once: one that fails stays in the inbox for the next run
            properties.setProperty("enricher.inbox.once", "true");
        }
        SandboxRun sandboxRun = null;
        try {
            if (sandbox) {
                sandboxRun = SandboxRun.start(properties, out);
            }
            int code = runCamel(once, snapshot, properties, sandboxRun);
            if (sandboxRun != null && code == 0) {
                sandboxRun.printResult();
            }
            return code;
        } catch (ConfigurationException e) {
            err.println(e.getMessage());
            return EXIT_CONFIG;
        } finally {
            if (sandboxRun != null) {
                sandboxRun.close();
            }
        }
    }

    /** Asks a running application to stop, as SIGTERM does (tests). */
    public void stop() {
        Main running = main;
        if (running != null) {
            running.completed();
        }
    }

    private int runCamel(boolean once, boolean snapshot, Properties properties, SandboxRun sandboxRun) {
        Main camel = new Main();
        this.main = camel;
        RunStatus status = new RunStatus(once, camel::completed);
        camel.bind("runStatus", status);
        camel.setDefaultPropertyPlaceholderLocation(PROPERTIES_LOCATION);
        camel.configure().addConfiguration(EnricherConfiguration.class);
        if (!Files.isDirectory(Path.of("routes"))) {
            // run outside the project folder: use the routes packaged in the jar (an override
            // property, since the packaged application.properties names the routes/ folder)
            properties.setProperty("camel.main.routes-include-pattern", PACKAGED_ROUTES);
        }
        camel.setOverrideProperties(properties);
        ConfigurationFailure failure = new ConfigurationFailure();
        camel.addMainListener(failure);
        if (sandboxRun != null) {
            camel.addMainListener(sandboxRun);
        }
        if (once) {
            camel.addMainListener(new StartInboxAfterCredentialCheck(status, snapshot));
        }
        int code;
        try {
            camel.run();
            code = camel.getExitCode();
        } catch (Exception e) {
            failure.rethrowIfConfiguration(e);
            err.println("artist-enricher failed: " + e.getMessage());
            return RunStatus.EXIT_FAILED;
        }
        failure.rethrowIfConfiguration(null);
        if (status.fatalReason() != null) {
            err.println(status.fatalReason());
        } else if (status.parkedLine() != null) {
            err.println(status.parkedLine());
        }
        return code != 0 ? code : status.exitCode();
    }

    /** Finds a {@link ConfigurationException} however Camel wrapped it, so it can be shown as one line. */
    private static final class ConfigurationFailure extends MainListenerSupport {
        void rethrowIfConfiguration(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationException config) {
                    throw config;
                }
            }
        }
    }

    /**
     * In {@code --once} mode, waits for the first answer of the token endpoint: rejected credentials
     * end the run with exit code 1 before any file is touched; otherwise the inbox route starts
     * (with {@code --snapshot}: one watch-list round runs, then the run ends).
     */
    private static final class StartInboxAfterCredentialCheck extends MainListenerSupport {
        private final RunStatus status;
        private final boolean snapshot;

        StartInboxAfterCredentialCheck(RunStatus status, boolean snapshot) {
            this.status = status;
            this.snapshot = snapshot;
        }

        @Override
        public void afterStart(BaseMainSupport main) {
            CamelContext context = main.getCamelContext();
            AccessTokenProvider tokens = context.getRegistry().lookupByNameAndType("accessTokens", AccessTokenProvider.class);
            try {
                Optional<TokenRequestException> failure = tokens.awaitFirstAnswer(Duration.ofSeconds(60));
                if (failure.isPresent() && failure.get().credentialsRejected()) {
                    status.abort("Spotify rejected the client credentials (" + failure.get().getMessage()
                            + "): check spotify.client-id and spotify.client-secret");
                    return;
                }
                if (snapshot) {
                    // beside Camel Main's own thread, which waits for the end of the run
                    Thread round = new Thread(() -> {
                        try {
                            context.createFluentProducerTemplate().to("direct:watch-list-round").send();
                        } finally {
                            status.roundDone();
                        }
                    }, "snapshot");
                    round.start();
                    return;
                }
                context.getRouteController().startRoute("inbox");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                status.abort("cannot start the inbox route: " + e.getMessage());
            }
        }
    }
}
