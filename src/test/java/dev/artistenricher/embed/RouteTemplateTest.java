package dev.artistenricher.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EmulatorExtension;
import dev.artistenricher.support.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route template {@code spotify-artist-enrich} from the jar, in a plain Camel context: loaded
 * from the classpath, a route made from it with a user's own endpoint and credentials, and the
 * secret (with characters that mean something in a URI) nowhere in the logs, even at DEBUG.
 */
class RouteTemplateTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "template-user-client";
    private static final String CLIENT_SECRET = "s3cr&t=+%20?#x";

    @RegisterExtension
    static final EmulatorExtension SPOTIFY = new EmulatorExtension();

    private static SpotifyEmulator emulator() {
        return SPOTIFY.emulator();
    }

    @TempDir
    static Path store;

    @BeforeAll
    static void credentials() {
        emulator().controls().credentials(CLIENT_ID, CLIENT_SECRET);
    }

    @Test
    void aRouteFromTheTemplateEnrichesOnTheEndpointItWasGiven() throws Exception {
        try (LogCapture logs = new LogCapture(Level.DEBUG)) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context,
                    "classpath:artist-enricher/templates/spotify-artist-enrich.camel.yaml"));
            TemplatedRouteBuilder.builder(context, "spotify-artist-enrich")
                    .routeId("enrich-artists")
                    .parameter("input", "direct:enrich-artists")
                    .parameter("clientId", CLIENT_ID)
                    .parameter("clientSecret", CLIENT_SECRET)
                    .parameter("tokenUrl", emulator().tokenUrl())
                    .parameter("apiUrl", emulator().apiUrl())
                    .parameter("store", store.toString())
                    .add();

            List<String> ids = emulator().catalog().ids().subList(0, 70);
            Exchange answer = template.request("direct:enrich-artists", e -> e.getMessage().setBody(ids));

            assertThat(answer.getException()).isNull();
            List<String> artists = new ArrayList<>();
            JSON.readTree(answer.getMessage().getBody(String.class)).forEach(a -> artists.add(a.toString()));
            assertThat(artists).containsExactlyElementsOf(ids.stream().map(id -> EnrichAnswerJson.normal(new String(
                    emulator().catalog().artistJson(id, false).orElseThrow(), StandardCharsets.UTF_8))).toList());
            assertThat(answer.getMessage().getHeader("artistEnricherRejects", String.class)).isEqualTo("[]");
            assertThat(emulator().stats().apiCalls()).isEqualTo(2);
            assertThat(emulator().stats().tokenRejections()).isZero();
            assertThat(logs.text()).contains("enrich-artists").doesNotContain(CLIENT_SECRET).doesNotContain("s3cr");
        }
    }
}
