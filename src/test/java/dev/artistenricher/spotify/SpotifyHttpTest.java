package dev.artistenricher.spotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP layer against a local HTTPS server with a self-signed certificate for {@code localhost}
 * (made by the JDK's keytool) standing in for Spotify: the certificate must chain to a trusted root
 * and name the host we asked for, and requests carry what we set and nothing that makes them wait.
 */
class SpotifyHttpTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static KeyStore keys;
    private SpotifyHttp http;

    @BeforeAll
    static void startServer() throws Exception {
        Path keyStore = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI() + "\",\"auth\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\""
                    + (form.isEmpty() ? "" : ",\"form\":\"" + form + "\",\"expect\":\""
                            + exchange.getRequestHeaders().getFirst("Expect") + "\"")
                    + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aTrustedCertificateForTheHostAnswers() throws Exception {
        SpotifyHttp.Response response = client(trusting(keys)).get(url("localhost", "/v1/artists?ids=a,b"), "Bearer t");

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"path\":\"/v1/artists?ids=a,b\",\"auth\":\"Bearer t\"}");
    }

    @Test
    void theTokenFormIsPostedWithoutWaitingForAContinue() throws Exception {
        // "Expect: 100-continue" would hold the request for 3 s at a server or proxy that ignores it
        SpotifyHttp.Response response = client(trusting(keys))
                .postForm(url("localhost", "/api/token"), "Basic c2VjcmV0", "grant_type=client_credentials");

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"path\":\"/api/token\","
                + "\"auth\":\"Basic c2VjcmV0\",\"form\":\"grant_type=client_credentials\",\"expect\":\"null\"}");
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        SpotifyHttp http = client(trusting(keys));

        // the same trusted certificate, reached by an address it does not name
        assertThatThrownBy(() -> http.get(url("127.0.0.1", "/v1/artists/x"), "Bearer t"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anUntrustedCertificateIsRefused() {
        SpotifyHttp http = client(SSLContexts.createSystemDefault());

        assertThatThrownBy(() -> http.get(url("localhost", "/v1/artists/x"), "Bearer t"))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @AfterEach
    void stopClient() {
        if (http != null) {
            http.stop();
        }
    }

    private SpotifyHttp client(SSLContext tls) {
        http = new SpotifyHttp(2, Duration.ofSeconds(10), tls);
        http.start();
        return http;
    }

    private static URI url(String host, String path) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + path);
    }

    private static SSLContext trusting(KeyStore certificates) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(certificates);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls;
    }
}
