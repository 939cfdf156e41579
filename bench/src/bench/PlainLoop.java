package bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine's own limit: a plain {@link HttpClient} loop making the same calls as the app (one
 * client-credentials token, then {@code GET /artists?ids=} with up to 50 IDs, HTTP/1.1, at most
 * {@code concurrency} in flight) to the same emulator, writing the same JSON Lines (each artist
 * object copied compact as sent, in input order). No retries, no cache, no Camel: the floor of
 * what any client on this machine can do. Assumes a file of distinct, valid IDs.
 *
 * <p>Usage: {@code PlainLoop <tokenUrl> <apiUrl> <clientId> <clientSecret> <input> <output> <concurrency> [batchSize]}.
 * Prints one JSON line: ids written, API calls, milliseconds from the first line read to the output closed.
 */
public final class PlainLoop {

    private static final JsonFactory JSON = new JsonFactory();

    public static void main(String[] args) throws Exception {
        String tokenUrl = args[0];
        String apiUrl = args[1];
        String clientId = args[2];
        String clientSecret = args[3];
        Path input = Path.of(args[4]);
        Path output = Path.of(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        int batchSize = args.length > 7 ? Integer.parseInt(args[7]) : 50;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, tokenUrl, clientId, clientSecret);

        long start = System.nanoTime();
        long[] calls = new long[1];
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            ChunkReader chunks = new ChunkReader(in, batchSize);
            OrderedWriter writer = new OrderedWriter(out);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<Long>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    long made = 0;
                    ChunkReader.Chunk chunk;
                    while ((chunk = chunks.next()) != null) {
                        String url = batchSize == 1 ? apiUrl + "/artists/" + chunk.ids().get(0)
                                : apiUrl + "/artists?ids=" + String.join(",", chunk.ids());
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Accept", "application/json")
                                .GET().build();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        made++;
                        if (response.statusCode() != 200) {
                            throw new IOException("HTTP " + response.statusCode() + " for chunk " + chunk.seq());
                        }
                        List<String> artists = batchSize == 1 ? List.of(compact(response.body())) : artists(response.body());
                        if (artists.size() != chunk.ids().size()) {
                            throw new IOException("answer holds " + artists.size() + " artists for " + chunk.ids().size());
                        }
                        writer.accept(chunk.seq(), artists);
                    }
                    return made;
                }));
            }
            pool.shutdown();
            for (Future<Long> f : workers) {
                calls[0] += f.get();
            }
            out.flush();
            long ms = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            System.out.println("{\"ids\":" + writer.lines() + ",\"cpuMs\":" + cpuMs + ",\"apiCalls\":" + calls[0] + ",\"durationMs\":" + ms + "}");
        }
    }

    static String token(HttpClient http, String tokenUrl, String clientId, String clientSecret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("token request failed: HTTP " + response.statusCode());
        }
        return m.group(1);
    }

    private static List<String> artists(byte[] body) throws IOException {
        List<String> artists = new ArrayList<>(50);
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken(); // {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"artists".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    artists.add(p.currentToken() == JsonToken.VALUE_NULL ? null : copy(p));
                }
            }
        }
        return artists;
    }

    private static String compact(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            p.nextToken();
            return copy(p);
        }
    }

    private static String copy(JsonParser p) throws IOException {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toString();
    }
}
