package dev.artistenricher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.support.EmulatorTest;
import dev.artistenricher.support.LogCapture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /enrich} over real HTTP, the whole application booted as production does, against the
 * emulator: the two body forms, the refusals (400, 401, 413, 415, 429, 503), header hygiene, the
 * OpenAPI document, and no server at all while the API is off.
 */
class HttpEnrichEndpointTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private int port;
    private boolean running;

    @BeforeEach
    void choosePort() throws IOException {
        port = freePort();
    }

    @AfterEach
    void stop() {
        if (running) {
            app.stopDaemon();
        }
    }

    @Test
    void aTextBodyGetsTheArtistsInOrderAndTheRejects() throws Exception {
        startApi();
        List<String> ids = catalogIds().subList(0, 60);
        List<String> lines = new ArrayList<>(ids);
        lines.add(2, "not-an-id");
        lines.add(ids.get(4));
        lines.add("spotify:artist:" + ids.get(7));

        HttpResponse<String> response = post("text/plain", String.join("\n", lines) + "\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = JSON.readTree(response.body());
        assertThat(artists(doc)).containsExactlyElementsOf(normal(artistLines(ids)));
        assertThat(doc.path("rejects")).hasSize(1);
        assertThat(doc.path("rejects").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(doc.path("rejects").get(0).path("reason").asText()).isEqualTo("invalid_id");
        assertThat(emulator.stats().apiCalls()).isEqualTo(2);
    }

    @Test
    void aJsonArrayOfStringsIsEnrichedTheSameWay() throws Exception {
        startApi();
        List<String> ids = catalogIds().subList(0, 20);
        String body = ids.stream().map(id -> "\"https://open.spotify.com/artist/" + id + "\"")
                .collect(Collectors.joining(",", "[", "]"));

        HttpResponse<String> response = post("application/json; charset=utf-8", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(artists(doc)).containsExactlyElementsOf(normal(artistLines(ids)));
        assertThat(doc.path("rejects")).isEmpty();
    }

    @Test
    void namesInTheBodyAreResolvedAndTheirMatchesAnswered() throws Exception {
        startApi();

        HttpResponse<String> response = post("application/json", "[\"name:Mirror Lake\", \"name:Nobody Of This Name\"]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        List<String> fields = new java.util.ArrayList<>();
        doc.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("artists", "rejects", "matches");
        assertThat(doc.path("artists")).hasSize(1);
        assertThat(doc.path("artists").get(0).path("name").asText()).isEqualTo("Mirror Lake");
        assertThat(doc.path("matches")).hasSize(1);
        assertThat(doc.path("matches").get(0).path("match").asText()).isEqualTo("followers");
        assertThat(doc.path("matches").get(0).path("id").asText()).isEqualTo(doc.path("artists").get(0).path("id").asText());
        assertThat(doc.path("rejects")).hasSize(1);
        assertThat(doc.path("rejects").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(doc.path("rejects").get(0).path("reason").asText()).isEqualTo("not_found");
        assertThat(emulator.stats().searchCalls()).isEqualTo(2);
    }

    @Test
    void malformedBodiesAre400AndCostNoCall() throws Exception {
        startApi();
        assertError(post("application/json", "{\"a\":1}"), 400, "JSON array of strings");
        assertError(post("application/json", "[1,2]"), 400, "element 1 is number");
        assertError(post("application/json", "[\"4Z8W4fKeB5YxbusRsdQVPb\""), 400, "not valid JSON");
        assertError(post("text/plain", new byte[] {0, 1, 2, (byte) 0xff, 'a'}), 400, "not UTF-8");
        assertError(post("text/plain", new byte[] {'a', 0, 'b'}), 400, "binary");
        assertError(post("application/octet-stream", new byte[] {1, 2, 3}), 415, "text/plain");
        assertError(send(HttpRequest.newBuilder(uri("/enrich")).POST(HttpRequest.BodyPublishers.ofString("x"))), 415, "not none");
        assertThat(emulator.stats().apiCalls()).isZero();
    }

    @Test
    void moreThanMaxIdsIs413() throws Exception {
        startApi();
        List<String> many = IntStream.range(0, 1001).mapToObj(i -> catalogIds().get(i % catalogIds().size())).toList();
        assertError(post("text/plain", String.join("\n", many)), 413, "at most 1000 IDs");
        assertError(post("application/json", JSON.writeValueAsString(many)), 413, "at most 1000 IDs");
        assertThat(emulator.stats().apiCalls()).isZero();
    }

    @Test
    void withAnApiKeyAMissingOrWrongKeyIs401AndTheKeyIsNeverLogged() throws Exception {
        String key = "k3y-only-the-client-knows";
        // from a file: Camel's properties component prints every value it resolves at DEBUG
        app.with("enricher.http.api-key-file", Files.writeString(dir.resolve("api-key"), key + "\n").toString());
        String logs;
        try (LogCapture capture = new LogCapture(Level.TRACE)) {
            startApi();
            String id = catalogIds().get(0);
            assertError(post("text/plain", id), 401, "X-API-Key");
            assertError(send(request("text/plain", id).header("X-API-Key", "k3y-only-the-client-knowz")), 401, "X-API-Key");
            assertError(send(request("text/plain", id).header("X-API-Key", key + "-and-more")), 401, "X-API-Key");
            HttpResponse<String> ok = send(request("text/plain", id).header("X-API-Key", key));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(artists(JSON.readTree(ok.body()))).containsExactly(normal(List.of(artistLine(id))).get(0));
            logs = capture.text();
        }
        assertThat(emulator.stats().apiCalls()).isEqualTo(1);
        assertThat(logs).contains("X-API-Key required").doesNotContain(key);
    }

    @Test
    void requestHeadersChooseNothingAndAreNotEchoed() throws Exception {
        startApi();
        String id = catalogIds().get(3);
        HttpResponse<String> response = send(request("text/plain", id)
                .header("CamelHttpUri", "http://127.0.0.1:1/evil")
                .header("CamelHttpPath", "/evil")
                .header("CamelHttpQuery", "ids=evil")
                .header("CamelFileName", "../../evil.txt")
                .header("CamelOverruleFileName", "../../evil.txt")
                .header("artistEnricherRejects", "[\"evil\"]")
                .header("X-Echo-Me", "evil"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(artists(doc)).containsExactly(normal(List.of(artistLine(id))).get(0));
        assertThat(doc.path("rejects")).isEmpty();
        assertThat(emulator.stats().servedIds()).containsExactly(id);
        assertThat(response.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().startsWith("camel") || name.toLowerCase().startsWith("x-")
                        || name.toLowerCase().startsWith("artistenricher"));
        assertThat(response.headers().map().values().toString()).doesNotContain("evil");
        try (var files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("evil.txt");
        }
    }

    @Test
    void oneRequestMoreThanMaxInFlightIs429AtOnceWithRetryAfter() throws Exception {
        app.with("enricher.http.max-in-flight", "1");
        startApi();
        emulator.controls().latency(Duration.ofSeconds(3));
        emulator.stats().reset();
        CompletableFuture<HttpResponse<String>> first = CLIENT.sendAsync(
                request("text/plain", catalogIds().get(0)).build(), HttpResponse.BodyHandlers.ofString());
        // the first request is being enriched: its API call has reached the emulator, which holds it
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.stats().maxConcurrentCalls() >= 1);

        HttpResponse<String> second = post("text/plain", catalogIds().get(1));

        assertThat(first).as("the first request is still in flight").isNotDone();
        assertError(second, 429, "enricher.http.max-in-flight");
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(first.get().statusCode()).isEqualTo(200);
        // its place is given back: the next request is served
        emulator.controls().latency(Duration.ZERO);
        assertThat(post("text/plain", catalogIds().get(1)).statusCode()).isEqualTo(200);
    }

    @Test
    void aQuotaParksTheEnrichmentAnd503sCarryRetryAfterUntilTheAnnouncedTime() throws Exception {
        app.with("enricher.max-inline-wait", "1s").with("enricher.concurrency", "1");
        startApi();
        emulator.controls().quota(10, Duration.ofHours(1));
        List<String> ids = catalogIds().subList(0, 60);

        HttpResponse<String> parked = post("text/plain", String.join("\n", ids));

        assertError(parked, 503, "rate limit");
        long retryAfter = Long.parseLong(parked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3500L, 3600L);
        long calls = emulator.stats().apiCalls();
        assertThat(emulator.stats().callsWithStatus(429)).isEqualTo(1);

        // while parked, a request is refused before any call
        HttpResponse<String> next = post("text/plain", ids.get(55));
        assertError(next, 503, "rate limit");
        assertThat(Long.parseLong(next.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500L, 3600L);
        assertThat(emulator.stats().apiCalls()).isEqualTo(calls);
    }

    @Test
    void theOpenApiDocumentNamesEnrichAndItsKey() throws Exception {
        startApi();
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.path("paths").has("/enrich")).as(response.body()).isTrue();
        assertThat(doc.path("paths").path("/enrich").has("post")).isTrue();
        assertThat(response.body()).contains("X-API-Key");
    }

    @Test
    void offByDefaultNoServerListensAndTheManagementServerHasNoEnrich() throws Exception {
        int management = freePort();
        app.with("camel.server.port", Integer.toString(port))
                .with("camel.management.enabled", "true")
                .with("camel.management.port", Integer.toString(management));
        app.drop("list.txt", catalogIds().subList(0, 3));
        app.startDaemon();
        running = true;
        app.awaitFile(app.out("list.summary.json"), Duration.ofSeconds(30));

        assertThatThrownBy(() -> post("text/plain", catalogIds().get(0))).isInstanceOf(ConnectException.class);
        for (String path : List.of("/enrich", "/openapi.json")) {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + management + path)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isIn(404, 405);
        }
    }

    @Test
    void anOpenHostWithoutAKeyStopsTheStartNamingTheKey() {
        app.with("enricher.http.enabled", "true").with("camel.server.host", "0.0.0.0")
                .with("camel.server.port", Integer.toString(port));
        assertThat(app.run()).isEqualTo(2);
        assertThat(app.stderr().strip()).startsWith("enricher.http.api-key ").doesNotContain("\n");
    }

    @Test
    void theManagementPortCannotBeShared() {
        app.with("enricher.http.enabled", "true").with("camel.server.port", Integer.toString(port))
                .with("camel.management.enabled", "true").with("camel.management.port", Integer.toString(port));
        assertThat(app.run()).isEqualTo(2);
        assertThat(app.stderr().strip()).startsWith("camel.server.port ").doesNotContain("\n");
    }

    private void startApi() {
        app.with("enricher.http.enabled", "true").with("camel.server.port", Integer.toString(port));
        app.startDaemon();
        running = true;
        // up once the document is served (the token is fetched at start-up beside it)
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> CLIENT.send(
                HttpRequest.newBuilder(uri("/openapi.json")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder request(String contentType, String body) {
        return request(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri("/enrich")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
        return send(request(contentType, body));
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws IOException, InterruptedException {
        return send(request(contentType, body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String containing) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = JSON.readTree(response.body());
        assertThat(doc.size()).as(response.body()).isEqualTo(1);
        assertThat(doc.path("error").asText()).contains(containing);
    }

    private static List<String> artists(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("artists").forEach(a -> out.add(a.toString()));
        return out;
    }

    private static List<String> normal(List<String> json) {
        return json.stream().map(s -> {
            try {
                return JSON.readTree(s).toString();
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
