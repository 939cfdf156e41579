package dev.artistenricher.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS in front of a plain-HTTP server (the emulator), with a self-signed certificate for
 * {@code localhost} made by the JDK's keytool, standing in for Spotify's TLS: the application must
 * trust the certificate (camel.ssl.*) and reach it by the name it bears.
 */
public final class TlsReverseProxy implements AutoCloseable {

    public static final String PASSWORD = "changeit";
    private final HttpsServer server;
    private final URI target;
    private final Path keyStore;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).build();

    private TlsReverseProxy(HttpsServer server, URI target, Path keyStore) {
        this.server = server;
        this.target = target;
        this.keyStore = keyStore;
    }

    /** @param target the plain-HTTP base, e.g. {@code http://127.0.0.1:1234} */
    public static TlsReverseProxy start(URI target, Path dir) throws Exception {
        Path keyStore = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        TlsReverseProxy proxy = new TlsReverseProxy(server, target, keyStore);
        server.createContext("/", proxy::forward);
        server.setExecutor(proxy.threads);
        server.start();
        return proxy;
    }

    /** The key store holding the certificate (and its key): what a client's trust store needs. */
    public Path keyStore() {
        return keyStore;
    }

    /** {@code https://<host>:<port>}; only {@code localhost} is the name the certificate bears. */
    public String baseUrl(String host) {
        return "https://" + host + ":" + server.getAddress().getPort();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            ForwardingProxy.relay(exchange, target.resolve(exchange.getRequestURI().toString()), client);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
