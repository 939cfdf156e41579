package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.artistenricher.support.EmulatorTest;
import dev.artistenricher.support.TlsReverseProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * TLS the Camel way: the Spotify endpoints are https camel-http endpoints, trusting what camel.ssl.*
 * says (here a self-signed certificate for localhost), with host name verification.
 */
class TlsTest extends EmulatorTest {

    private TlsReverseProxy https;

    @BeforeEach
    void startTls() throws Exception {
        https = TlsReverseProxy.start(URI.create(emulator.baseUrl()), dir);
        app.with("camel.ssl.enabled", "true")
                .with("camel.ssl.trust-store", "file:" + https.keyStore())
                .with("camel.ssl.trust-store-password", TlsReverseProxy.PASSWORD)
                .with("camel.component.https.use-global-ssl-context-parameters", "true");
    }

    @AfterEach
    void stopTls() {
        https.close();
    }

    @Test
    void aTrustedCertificateForTheHostIsUsedForEveryCall() throws Exception {
        pointAt("localhost");
        List<String> input = catalogIds().subList(0, 75);
        app.drop("tls.txt", input);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("tls.jsonl")).containsExactlyElementsOf(artistLines(input));
        assertThat(emulator.stats().apiCalls()).isEqualTo(2);
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        pointAt("127.0.0.1"); // the same trusted certificate, reached by an address it does not name
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        app.with("camel.management.enabled", "true").with("camel.management.port", Integer.toString(port));
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health?exposureLevel=full"))
                .timeout(Duration.ofSeconds(5)).build();
        app.startDaemon();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> HttpClient.newHttpClient()
                    .send(health, HttpResponse.BodyHandlers.ofString()).body().contains("SSL"));
        } finally {
            assertThat(app.stopDaemon()).isZero();
        }
        assertThat(emulator.stats().tokenRequests()).isZero();
    }

    private void pointAt(String host) {
        app.with("spotify.token-url", https.baseUrl(host) + "/api/token")
                .with("spotify.api-url", https.baseUrl(host) + "/v1");
    }
}
