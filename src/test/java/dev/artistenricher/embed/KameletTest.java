package dev.artistenricher.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EmulatorExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kamelet {@code spotify-artist-enrich-action} in a plain Camel context, as another application
 * uses it (not our App): found in {@code classpath:kamelets}, called from a route, its answer
 * checked at a mock endpoint, against the Spotify emulator on a loopback port.
 */
class KameletTest extends CamelTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OTHER_CLIENT_ID = "second-app-client-id";
    private static final String OTHER_CLIENT_SECRET = "second-app-client-secret";

    @RegisterExtension
    static final EmulatorExtension SPOTIFY = new EmulatorExtension();

    private static SpotifyEmulator emulator() {
        return SPOTIFY.emulator();
    }

    @TempDir
    static Path stores;

    /** Before each test's Camel context starts (the Kamelet asks for its token as it starts). */
    @Override
    protected void doPreSetup() {
        emulator().controls().reset();
        emulator().controls().addClient(OTHER_CLIENT_ID, OTHER_CLIENT_SECRET);
        emulator().stats().reset();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:first")
                        .to(kamelet(SpotifyEmulator.DEMO_CLIENT_ID, SpotifyEmulator.DEMO_CLIENT_SECRET, "first"))
                        .to("mock:first");
                from("direct:second")
                        .to(kamelet(OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, "second"))
                        .to("mock:second");
                from("direct:refused")
                        .to(kamelet(SpotifyEmulator.DEMO_CLIENT_ID, "not-the-secret", "refused"));
            }
        };
    }

    private static String kamelet(String clientId, String clientSecret, String store) {
        return "kamelet:spotify-artist-enrich-action?clientId=" + clientId + "&clientSecret=RAW(" + clientSecret + ")"
                + "&tokenUrl=" + emulator().tokenUrl() + "&apiUrl=" + emulator().apiUrl()
                + "&store=" + stores.resolve(store + "-" + System.nanoTime());
    }

    @Test
    void aListOfIdsComesBackAsTheArtistsInOrderWithTheRejectsAndTheSecondTimeCostsNoCall() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(0, 120);
        List<String> lines = new ArrayList<>(ids);
        lines.add(2, "not-an-id");
        lines.add(ids.get(3));
        lines.add("https://open.spotify.com/intl-de/artist/" + ids.get(4) + "?si=abc");
        lines.add("0000000000000000000000");
        getMockEndpoint("mock:first").expectedMessageCount(2);

        Exchange first = template.request("direct:first", e -> e.getMessage().setBody(String.join("\n", lines)));
        assertThat(first.getException()).isNull();
        assertThat(artistsOf(first)).containsExactlyElementsOf(expectedArtists(ids));
        JsonNode rejects = JSON.readTree(first.getMessage().getHeader("artistEnricherRejects", String.class));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0).path("line").asInt()).isEqualTo(3);
        assertThat(rejects.get(0).path("reason").asText()).isEqualTo("invalid_id");
        assertThat(rejects.get(1).path("reason").asText()).isEqualTo("not_found");
        assertThat(first.getMessage().getHeader("artistEnricherUnique", Long.class)).isEqualTo(121);
        assertThat(first.getMessage().getHeader("artistEnricherApiCalls", Integer.class)).isEqualTo(3);
        assertThat(emulator().stats().apiCalls()).isEqualTo(3); // ceil(121 / 50)

        // the same IDs again, now as a List<String>: all answered from the store
        List<String> again = new ArrayList<>(ids);
        again.add("0000000000000000000000");
        Exchange second = template.request("direct:first", e -> e.getMessage().setBody(again));
        assertThat(artistsOf(second)).containsExactlyElementsOf(expectedArtists(ids));
        assertThat(second.getMessage().getHeader("artistEnricherApiCalls", Integer.class)).isZero();
        assertThat(emulator().stats().apiCalls()).isEqualTo(3);
        getMockEndpoint("mock:first").assertIsSatisfied();
    }

    @Test
    void aJsonArrayBodyWorksAndTheCallersHeadersChooseNothing() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(200, 210);
        Exchange answer = template.request("direct:first", e -> {
            e.getMessage().setBody(JSON.writeValueAsString(ids));
            // a caller's headers must not choose the URL, the path, the query or the credentials
            e.getMessage().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere");
            e.getMessage().setHeader(Exchange.HTTP_PATH, "/../me");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "ids=" + emulator().catalog().ids().get(0));
            e.getMessage().setHeader("Authorization", "Bearer stolen");
            e.getMessage().setHeader("theirs", "kept");
        });
        assertThat(answer.getException()).isNull();
        assertThat(artistsOf(answer)).containsExactlyElementsOf(expectedArtists(ids));
        assertThat(emulator().stats().idsRequested()).isEqualTo(10);
        assertThat(emulator().stats().unknownTokenCalls()).isZero();
        assertThat(answer.getMessage().getHeader("theirs")).isEqualTo("kept");
    }

    @Test
    void namesAreLookedUpThroughTheSearchMatchedOnceAndRejectedWithTheirCandidates() throws Exception {
        String radiohead = "4Z8W4fKeB5YxbusRsdQVPb";
        Exchange answer = template.request("direct:first", e -> e.getMessage().setBody(
                List.of(radiohead, "name:radiohead", "name:Echo Park", "name:RADIOHEAD")));

        assertThat(answer.getException()).isNull();
        assertThat(artistsOf(answer)).containsExactlyElementsOf(expectedArtists(List.of(radiohead)));
        JsonNode matches = JSON.readTree(answer.getMessage().getHeader("artistEnricherMatches", String.class));
        assertThat(matches).hasSize(1);
        assertThat(matches.get(0).toString()).isEqualTo(
                "{\"line\":2,\"input\":\"name:radiohead\",\"name\":\"radiohead\",\"id\":\"" + radiohead + "\",\"match\":\"exact\"}");
        JsonNode rejects = JSON.readTree(answer.getMessage().getHeader("artistEnricherRejects", String.class));
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).path("line").asInt()).isEqualTo(3);
        assertThat(rejects.get(0).path("reason").asText()).isEqualTo("ambiguous_name");
        assertThat(JSON.readTree(rejects.get(0).path("detail").asText())).hasSize(2);
        // the artist once, for its ID; two searches (the same name twice is one) and the ID's call
        assertThat(emulator().stats().searchCalls()).isEqualTo(2);
        assertThat(emulator().stats().apiCalls()).isEqualTo(3);
        assertThat(answer.getMessage().getHeader("artistEnricherApiCalls", Integer.class)).isEqualTo(3);
    }

    @Test
    void twoInstancesWithOtherCredentialsKeepTheirOwnTokens() throws Exception {
        List<String> forFirst = emulator().catalog().ids().subList(130, 190);
        List<String> forSecond = emulator().catalog().ids().subList(190, 200);

        Exchange first = template.request("direct:first", e -> e.getMessage().setBody(forFirst));
        Exchange second = template.request("direct:second", e -> e.getMessage().setBody(forSecond));

        assertThat(artistsOf(first)).containsExactlyElementsOf(expectedArtists(forFirst));
        assertThat(artistsOf(second)).containsExactlyElementsOf(expectedArtists(forSecond));
        assertThat(emulator().stats().tokensIssuedTo(SpotifyEmulator.DEMO_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator().stats().tokensIssuedTo(OTHER_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator().stats().apiCallsBy(SpotifyEmulator.DEMO_CLIENT_ID)).isEqualTo(2);
        assertThat(emulator().stats().apiCallsBy(OTHER_CLIENT_ID)).isEqualTo(1);
        assertThat(emulator().stats().apiCalls()).isEqualTo(3);
    }

    @Test
    void refusedCredentialsFailTheExchangeWithSpotifysReasonInsteadOfHanging() {
        Exchange refused = template.request("direct:refused", e -> e.getMessage().setBody(emulator().catalog().ids().get(0)));
        assertThat(refused.getException()).hasMessageContaining("Spotify rejected the client credentials")
                .hasMessageContaining("invalid_client").hasMessageNotContaining("not-the-secret");
        assertThat(emulator().stats().apiCalls()).isZero();
    }

    @Test
    void serverErrorsAreRetriedAndARateLimitIsWaitedOut() throws Exception {
        List<String> ids = emulator().catalog().ids().subList(210, 260);
        emulator().controls().failNext(2, 503);
        Exchange retried = template.request("direct:first", e -> e.getMessage().setBody(ids));
        assertThat(retried.getException()).isNull();
        assertThat(artistsOf(retried)).containsExactlyElementsOf(expectedArtists(ids));
        assertThat(emulator().stats().callsWithStatus(503)).isEqualTo(2);
        assertThat(emulator().stats().callsWithStatus(200)).isEqualTo(1);

        emulator().stats().reset();
        List<String> more = emulator().catalog().ids().subList(260, 290);
        emulator().controls().tooManyRequestsNext(1, 1);
        Exchange waited = template.request("direct:first", e -> e.getMessage().setBody(more));
        assertThat(artistsOf(waited)).containsExactlyElementsOf(expectedArtists(more));
        assertThat(emulator().stats().callsWithStatus(429)).isEqualTo(1);
        assertThat(emulator().stats().callsDuringRetryAfter()).isZero();
    }

    @Test
    void aDevelopmentModeAppGoesOnWithSingleCalls() throws Exception {
        emulator().controls().developmentMode(true);
        List<String> ids = emulator().catalog().ids().subList(290, 295);
        Exchange answer = template.request("direct:first", e -> e.getMessage().setBody(ids));
        assertThat(answer.getException()).isNull();
        assertThat(artistsOf(answer)).containsExactlyElementsOf(
                ids.stream().map(id -> EnrichAnswerJson.normal(new String(
                        emulator().catalog().artistJson(id, true).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))).toList());
        assertThat(emulator().stats().singleCalls()).isEqualTo(5);
    }

    private static List<String> artistsOf(Exchange exchange) throws Exception {
        List<String> artists = new ArrayList<>();
        JSON.readTree(exchange.getMessage().getBody(String.class)).forEach(a -> artists.add(a.toString()));
        return artists;
    }

    private static List<String> expectedArtists(List<String> ids) {
        return ids.stream().distinct().map(id -> EnrichAnswerJson.normal(new String(
                emulator().catalog().artistJson(id, false).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))).toList();
    }

}
