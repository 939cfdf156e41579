package dev.artistenricher.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/**
 * {@code routes/http-api.camel.yaml}: the REST service {@code POST /enrich} and its steps, on Camel
 * Main's platform-http business server (a free loopback port), with the embed, enrich and token
 * routes behind it. Real HTTP requests; one test advises the steps (AdviceWith) to fail inside.
 */
class HttpApiRoutesTest extends RouteFilesTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private URI enrich;

    @Override
    List<String> routeFiles() {
        return List.of("http-api.camel.yaml", "embed.camel.yaml", "enrich.camel.yaml", "token.camel.yaml");
    }

    @Override
    void properties(Properties properties) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        enrich = URI.create("http://127.0.0.1:" + port + "/enrich");
        properties.setProperty("enricher.http.enabled", "true");
        properties.setProperty("camel.server.port", Integer.toString(port));
        properties.setProperty("enricher.http.max-in-flight", "1");
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true); // each test starts the context, one after advising a route
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(enrich).timeout(Duration.ofSeconds(20)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A request that reached direct:artist-enricher, the enrichment behind the API, and is done. (Camel
     * inlines the REST route into the route of its steps, so requests come from http-enrich-steps.)
     */
    private NotifyBuilder enrichedBehindTheApi() {
        return new NotifyBuilder(context).fromRoute("http-enrich-steps").wereSentTo("direct:artist-enricher").whenDone(1).create();
    }

    @Test
    void aTextBodyIsAnsweredWithTheArtistsAndTheRejects() throws Exception {
        context.start();
        List<String> ids = emulator().catalog().ids().subList(0, 60);
        NotifyBuilder enriched = enrichedBehindTheApi();

        HttpResponse<String> response = post("text/plain", String.join("\n", ids) + "\nnot-an-id\n");

        assertThat(enriched.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("artists")).hasSize(60);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(answer.path("artists").get(i)).isEqualTo(JSON.readTree(artist(ids.get(i))));
        }
        assertThat(answer.path("rejects")).hasSize(1);
        assertThat(answer.path("rejects").get(0).path("line").asInt()).isEqualTo(61);
        assertThat(emulator().stats().batchCalls()).isEqualTo(2);
    }

    @Test
    void aBodyOfAnotherMediaTypeIs415BeforeAnyCall() throws Exception {
        context.start();
        NotifyBuilder answered = new NotifyBuilder(context).fromRoute("http-enrich-steps").whenDone(1).create();
        NotifyBuilder enriched = enrichedBehindTheApi();

        HttpResponse<String> response = post("application/xml", "<ids/>");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).path("error").asText()).contains("text/plain");
        assertThat(answered.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(enriched.matches()).as("refused before direct:artist-enricher").isFalse();
        assertThat(emulator().stats().apiCalls()).isZero();
    }

    @Test
    void aFailureInsideIs500WithoutItsDetailAndGivesItsPlaceInFlightBack() throws Exception {
        AdviceWith.adviceWith(context, "http-enrich-steps", route -> route.weaveByToUri("direct:artist-enricher").replace()
                .throwException(new IllegalStateException("secret internals")));
        context.start();
        String id = emulator().catalog().ids().get(0);

        // enricher.http.max-in-flight is 1: a place not given back would make the second a 429
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = post("text/plain", id);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("the enrichment failed; see the server log");
            assertThat(response.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
        }
        assertThat(emulator().stats().apiCalls()).isZero();
    }
}
