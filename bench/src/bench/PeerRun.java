package bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import se.michaelthelin.spotify.IHttpManager;
import se.michaelthelin.spotify.SpotifyApi;
import se.michaelthelin.spotify.SpotifyHttpManager;
import se.michaelthelin.spotify.model_objects.credentials.ClientCredentials;
import se.michaelthelin.spotify.model_objects.specification.Artist;
import se.michaelthelin.spotify.model_objects.specification.Image;

/**
 * The Java peer: {@code se.michaelthelin.spotify:spotify-web-api-java} doing the same job as the app
 * against the same emulator: its client-credentials request, then {@code getSeveralArtists} in
 * chunks of 50, sequentially (concurrency 1) or on a fixed thread pool of {@code concurrency},
 * writing the same JSON Lines in input order (the library hands back {@link Artist} objects, so
 * they are written back in Spotify's field order).
 *
 * <p>Pointing it at the emulator: data requests follow the builder's {@code setScheme/setHost/setPort};
 * the library hard-codes {@code https://accounts.spotify.com:443} for the token request
 * ({@code ClientCredentialsRequest.Builder.build()} overrides the host), so a delegating
 * {@link IHttpManager} rewrites that one URI to the emulator's token endpoint. The library's HTTP
 * manager is used with its defaults except the connection pool, sized to {@code concurrency} (its
 * default pool allows 5 connections per route, which would cap the peer below 8).
 *
 * <p>Usage: {@code PeerRun <baseUrl> <clientId> <clientSecret> <input> <output> <concurrency>}.
 */
public final class PeerRun {

    private static final JsonFactory JSON = new JsonFactory();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String clientId = args[1];
        String clientSecret = args[2];
        Path input = Path.of(args[3]);
        Path output = Path.of(args[4]);
        int concurrency = Integer.parseInt(args[5]);

        SpotifyHttpManager library = new SpotifyHttpManager.Builder()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(Math.max(concurrency, 2)).setMaxConnTotal(Math.max(concurrency, 2) + 2).build())
                .build();
        IHttpManager toEmulator = new TokenHostRewrite(library, base);
        SpotifyApi spotify = new SpotifyApi.Builder()
                .setClientId(clientId).setClientSecret(clientSecret)
                .setScheme(base.getScheme()).setHost(base.getHost()).setPort(base.getPort())
                .setHttpManager(toEmulator)
                .build();
        ClientCredentials credentials = spotify.clientCredentials().build().execute();
        spotify.setAccessToken(credentials.getAccessToken());

        long start = System.nanoTime();
        long calls = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            ChunkReader chunks = new ChunkReader(in, 50);
            OrderedWriter writer = new OrderedWriter(out);
            if (concurrency <= 1) {
                ChunkReader.Chunk chunk;
                while ((chunk = chunks.next()) != null) {
                    writer.accept(chunk.seq(), fetch(spotify, chunk));
                    calls++;
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                List<Future<Long>> workers = new ArrayList<>();
                for (int w = 0; w < concurrency; w++) {
                    workers.add(pool.submit(() -> {
                        long made = 0;
                        ChunkReader.Chunk chunk;
                        while ((chunk = chunks.next()) != null) {
                            writer.accept(chunk.seq(), fetch(spotify, chunk));
                            made++;
                        }
                        return made;
                    }));
                }
                pool.shutdown();
                for (Future<Long> f : workers) {
                    calls += f.get();
                }
            }
            out.flush();
            long ms = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            System.out.println("{\"ids\":" + writer.lines() + ",\"cpuMs\":" + cpuMs + ",\"apiCalls\":" + calls + ",\"durationMs\":" + ms + "}");
        }
        System.exit(0); // the library's pools are not daemon threads
    }

    private static List<String> fetch(SpotifyApi spotify, ChunkReader.Chunk chunk) throws Exception {
        Artist[] artists = spotify.getSeveralArtists(chunk.ids().toArray(String[]::new)).build().execute();
        if (artists.length != chunk.ids().size()) {
            throw new IOException("answer holds " + artists.length + " artists for " + chunk.ids().size());
        }
        List<String> lines = new ArrayList<>(artists.length);
        for (Artist a : artists) {
            lines.add(toJson(a));
        }
        return lines;
    }

    /** The artist as Spotify sends it (same field order as the emulator and the app's output). */
    private static String toJson(Artist a) throws IOException {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("external_urls");
            for (var e : a.getExternalUrls().getExternalUrls().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            if (a.getFollowers() != null) {
                g.writeObjectFieldStart("followers");
                g.writeStringField("href", a.getFollowers().getHref());
                g.writeNumberField("total", a.getFollowers().getTotal());
                g.writeEndObject();
            }
            if (a.getGenres() != null) {
                g.writeArrayFieldStart("genres");
                for (String genre : a.getGenres()) {
                    g.writeString(genre);
                }
                g.writeEndArray();
            }
            g.writeStringField("href", a.getHref());
            g.writeStringField("id", a.getId());
            g.writeArrayFieldStart("images");
            for (Image i : a.getImages()) {
                g.writeStartObject();
                g.writeStringField("url", i.getUrl());
                g.writeNumberField("height", i.getHeight());
                g.writeNumberField("width", i.getWidth());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("name", a.getName());
            if (a.getPopularity() != null) {
                g.writeNumberField("popularity", a.getPopularity());
            }
            g.writeStringField("type", a.getType().getType());
            g.writeStringField("uri", a.getUri());
            g.writeEndObject();
        }
        return out.toString();
    }

    /** Sends the library's token request (hard-coded to accounts.spotify.com) to the emulator instead. */
    private static final class TokenHostRewrite implements IHttpManager {
        private final IHttpManager delegate;
        private final URI base;

        TokenHostRewrite(IHttpManager delegate, URI base) {
            this.delegate = delegate;
            this.base = base;
        }

        private URI rewrite(URI uri) {
            if ("accounts.spotify.com".equals(uri.getHost())) {
                return base.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            }
            return uri;
        }

        @Override
        public String get(URI uri, Header[] headers) throws IOException, se.michaelthelin.spotify.exceptions.SpotifyWebApiException,
                org.apache.hc.core5.http.ParseException {
            return delegate.get(rewrite(uri), headers);
        }

        @Override
        public String post(URI uri, Header[] headers, HttpEntity body) throws IOException,
                se.michaelthelin.spotify.exceptions.SpotifyWebApiException, org.apache.hc.core5.http.ParseException {
            return delegate.post(rewrite(uri), headers, body);
        }

        @Override
        public String put(URI uri, Header[] headers, HttpEntity body) throws IOException,
                se.michaelthelin.spotify.exceptions.SpotifyWebApiException, org.apache.hc.core5.http.ParseException {
            return delegate.put(rewrite(uri), headers, body);
        }

        @Override
        public String delete(URI uri, Header[] headers, HttpEntity body) throws IOException,
                se.michaelthelin.spotify.exceptions.SpotifyWebApiException, org.apache.hc.core5.http.ParseException {
            return delegate.delete(rewrite(uri), headers, body);
        }
    }
}
