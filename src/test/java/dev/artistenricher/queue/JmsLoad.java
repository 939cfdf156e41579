package dev.artistenricher.queue;

import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The load side of {@link QueueBenchmark} on JMS: a producer sending in transactions of 500, a reader of the output queue. */
final class JmsLoad implements AutoCloseable {

    private final JmsClient jms;
    private final Connection connection;
    private final MessageConsumer output;

    JmsLoad(JmsClient jms) throws Exception {
        this.jms = jms;
        this.connection = new ActiveMQConnectionFactory(jms.url()).createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        this.output = session.createConsumer(session.createQueue("artists-enriched"));
    }

    QueueBenchmark.Throughput run(List<String> bodies, int distinct) throws Exception {
        Map<String, Integer> seen = QueueBenchmark.newSeen();
        long start = System.nanoTime();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < bodies.size(); i += 500) {
                    jms.sendAll("artist-ids", bodies.subList(i, Math.min(bodies.size(), i + 500)));
                }
                System.out.printf("QUEUE   (sender: %d messages in %.1f s)%n", bodies.size(), (System.nanoTime() - start) / 1e9);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ZERO).until(() -> {
            for (Message m = output.receive(100); m != null; m = output.receiveNoWait()) {
                seen.merge(m.getStringProperty("artistId"), 1, Integer::sum);
            }
            return seen.size() >= distinct;
        });
        QueueBenchmark.Throughput t = QueueBenchmark.Throughput.of(start, seen);
        sending.join();
        return t;
    }

    /** Milliseconds from sending each ID alone to its artist arriving. */
    List<Long> lone(List<String> ids) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String id : ids) {
            long start = System.nanoTime();
            jms.sendAll("artist-ids", List.of(id));
            Message m = output.receive(10_000);
            if (m == null || !id.equals(m.getStringProperty("artistId"))) {
                throw new IllegalStateException("no artist for the lone message " + id);
            }
            out.add((System.nanoTime() - start) / 1_000_000);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
