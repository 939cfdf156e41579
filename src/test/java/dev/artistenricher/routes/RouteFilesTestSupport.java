package dev.artistenricher.routes;

import dev.artistenricher.EnricherConfiguration;
import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EmulatorExtension;
import dev.artistenricher.support.EnricherHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Some of the files in {@code routes/}, loaded as the application loads them, with Camel's test
 * kit: a Camel Main context ({@link CamelMainTestSupport}) with the application's defaults
 * ({@code application.properties}, as {@code App} reads it from the working directory), its beans
 * ({@link EnricherConfiguration}) and only the route files a test names, against the Spotify
 * emulator on a loopback port. The properties are those of the whole-application tests
 * ({@link EnricherHarness}): folders in a temporary directory, short polls and back-offs, no
 * management server.
 */
abstract class RouteFilesTestSupport extends CamelMainTestSupport {

    @RegisterExtension
    static final EmulatorExtension SPOTIFY = new EmulatorExtension();

    @TempDir
    Path dir;
    /** The folders and properties of this test's context; {@link EnricherHarness#drop} and friends work on them. */
    EnricherHarness app;

    /** The route files under test and those they call, e.g. {@code enrich.camel.yaml}. */
    abstract List<String> routeFiles();

    /** Properties of a test class beyond the harness's (batch size, API enabled, ...). */
    void properties(Properties properties) {
    }

    static SpotifyEmulator emulator() {
        return SPOTIFY.emulator();
    }

    @Override
    protected void doPreSetup() throws Exception {
        emulator().controls().reset();
        emulator().stats().reset();
        app = new EnricherHarness(emulator(), dir);
        app.with("camel.main.routes-include-pattern",
                routeFiles().stream().map(file -> "file:routes/" + file).collect(Collectors.joining(",")));
        properties(app.properties);
        // read when the context is created, after this (the @TempDir is known only now, not when
        // the test kit asks for the properties in its constructor)
        camelContextConfiguration().withUseOverridePropertiesWithPropertiesComponent(app.properties);
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "file:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(EnricherConfiguration.class);
    }

    /** The artist object exactly as the emulator serves it. */
    static String artist(String id) {
        return new String(emulator().catalog().artistJson(id, false).orElseThrow(), StandardCharsets.UTF_8);
    }
}
