package dev.artistenricher.spotify;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.http.protocol.RequestUserAgent;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP connections to Spotify: Apache HttpCore 5's classic requester (the transport under
 * camel-http's client), blocking I/O on the calling thread, a pool of one connection per request in
 * flight, TLS with the JVM's trust store and host name verification.
 *
 * <p>Why HttpCore and not the full HttpClient on top of it: we use none of the client's layers
 * (cookies, authentication, redirects, retries, route planning), yet each request went through all
 * of them, parsing its URI again on the way; the JIT spent a quarter of its time on them. Measured at
 * zero latency, 1M IDs: ~2.4 s less CPU. (The JDK's {@code java.net.http} hands each exchange across
 * its selector and executor threads: ~2 ms slower per call at 50 ms latency.)
 *
 * <p>It decides nothing: whether to wait, renew the token or retry is the callers' business
 * ({@link SpotifyArtistsApi}, {@link TokenEndpointClient}). A Camel service: its connections are
 * closed when the context stops.
 */
public final class SpotifyHttp extends ServiceSupport {

    /** What came back: the status, the {@code Retry-After} header (or null) and the body. */
    public record Response(int status, String retryAfter, byte[] body) {
    }

    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(10);
    private static final String USER_AGENT = "artist-enricher";
    /**
     * After this long without a request, pooled connections are closed before the next one: the
     * server may have closed them meanwhile, and a request sent on such a connection fails (the
     * same rule as HttpClient's validate-after-inactivity, 2 s by default).
     */
    private static final TimeValue IDLE_LIMIT = TimeValue.ofSeconds(2);

    private final HttpRequester requester;
    private final AtomicLong lastRequestNanos = new AtomicLong(System.nanoTime());

    /**
     * @param connections the most requests in flight at once (the API's concurrency, plus the token endpoint)
     * @param timeout     how long an answer may take
     */
    public SpotifyHttp(int connections, Duration timeout) {
        this(connections, timeout, SSLContexts.createSystemDefault());
    }

    /** @param tls the trust (and keys) for {@code https} URLs; the JVM's own by default */
    SpotifyHttp(int connections, Duration timeout, SSLContext tls) {
        this.requester = RequesterBootstrap.bootstrap()
                // HttpCore's default request chain minus "Expect: 100-continue": the token request's
                // one-line form needs no such handshake, and a server or proxy that ignores it would
                // hold every token request for 3 s
                .setHttpProcessor(HttpProcessorBuilder.create()
                        .addAll(new RequestContent(), new RequestTargetHost(), new RequestConnControl(),
                                new RequestUserAgent(USER_AGENT))
                        .build())
                .setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).setTcpNoDelay(true).build())
                .setSslContext(tls)
                // no TLS set-up of our own: HttpCore's default leaves out weak protocols and ciphers and
                // has JSSE check the certificate's host name (SpotifyHttpTest)
                .setMaxTotal(connections)
                .setDefaultMaxPerRoute(connections)
                .create();
    }

    public Response get(URI uri, String authorization) throws IOException {
        return execute(new BasicClassicHttpRequest(Method.GET, uri), authorization);
    }

    public Response postForm(URI uri, String authorization, String form) throws IOException {
        ClassicHttpRequest post = new BasicClassicHttpRequest(Method.POST, uri);
        post.setEntity(new StringEntity(form, ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8)));
        return execute(post, authorization);
    }

    private Response execute(ClassicHttpRequest request, String authorization) throws IOException {
        request.setHeader("Authorization", authorization);
        request.setHeader("Accept", "application/json");
        long now = System.nanoTime();
        if (now - lastRequestNanos.getAndSet(now) > IDLE_LIMIT.toNanoseconds()) {
            requester.closeIdle(IDLE_LIMIT);
        }
        // a URL without a port gets the scheme's own (80, 443) when the requester connects
        HttpHost target = new HttpHost(request.getScheme(), request.getAuthority());
        try {
            // the handler reads the whole body, which hands the connection back to the pool
            return requester.execute(target, request, CONNECT_TIMEOUT, HttpCoreContext.create(), response -> {
                Header retryAfter = response.getFirstHeader("Retry-After");
                HttpEntity entity = response.getEntity();
                return new Response(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                        entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
            });
        } catch (HttpException e) {
            // a protocol violation by the server: a failed exchange like any other I/O failure
            throw new IOException("invalid HTTP answer: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() {
        requester.close(CloseMode.GRACEFUL);
    }
}
