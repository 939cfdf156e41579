package dev.artistenricher.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artistenricher.sandbox.SpotifyEmulator;
import dev.artistenricher.support.EnricherHarness;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The whole application in queue mode on JMS (its embedded Artemis on a free port, the management
 * server on another), against an emulator with a synthetic catalog (every well-formed ID is an
 * artist), and a plain JMS client of its broker.
 */
final class JmsApp implements AutoCloseable {

    final SpotifyEmulator emulator;
    final EnricherHarness app;
    final JmsClient jms;
    final int brokerPort;
    final int managementPort;

    private JmsApp(SpotifyEmulator emulator, EnricherHarness app, JmsClient jms, int brokerPort, int managementPort) {
        this.emulator = emulator;
        this.app = app;
        this.jms = jms;
        this.brokerPort = brokerPort;
        this.managementPort = managementPort;
    }

    /** Starts the app as a daemon with these settings besides the queue and broker ones. */
    static JmsApp start(Path dir, Map<String, String> settings) throws Exception {
        SpotifyEmulator emulator = SpotifyEmulator.start(0);
        emulator.controls().syntheticCatalog(true);
        int brokerPort = freePort();
        int managementPort = freePort();
        EnricherHarness app = harness(emulator, dir, brokerPort)
                .with("camel.management.enabled", "true")
                .with("camel.management.port", Integer.toString(managementPort));
        settings.forEach(app::with);
        app.startDaemon();
        return new JmsApp(emulator, app, JmsClient.connect(brokerPort), brokerPort, managementPort);
    }

    /** The queue-mode settings of an app whose embedded broker keeps its journal in {@code dir/broker}. */
    static EnricherHarness harness(SpotifyEmulator emulator, Path dir, int brokerPort) throws Exception {
        return new EnricherHarness(emulator, dir)
                .with("enricher.input-uri", "jms:queue:artist-ids")
                .with("enricher.output-uri", "jms:queue:artists-enriched")
                .with("enricher.rejects-uri", "jms:queue:artist-rejects")
                .with("enricher.broker.data-dir", dir.resolve("broker").toString())
                .with("enricher.broker.bind", "tcp://127.0.0.1:" + brokerPort);
    }

    /** Back to a plain synthetic catalog and zeroed counters, between tests. */
    void reset() {
        emulator.controls().reset();
        emulator.controls().syntheticCatalog(true);
        emulator.stats().reset();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static List<String> distinctIds(int n, Random random) {
        Set<String> ids = new HashSet<>();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String id = InProcessKafka.randomId(random);
            if (ids.add(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The artist IDs of output messages, each checked against its body. */
    static Set<String> artistIds(List<Message> messages) throws Exception {
        Set<String> out = new HashSet<>();
        for (Message m : messages) {
            String id = m.getStringProperty("artistId");
            assertThat(((TextMessage) m).getText()).contains("\"id\":\"" + id + "\"");
            out.add(id);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            jms.close();
            assertThat(app.stopDaemon()).isZero();
        } finally {
            emulator.close();
        }
    }
}
