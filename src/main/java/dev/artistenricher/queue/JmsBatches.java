package dev.artistenricher.queue;

import dev.artistenricher.spotify.RateLimitParkedException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One JMS local transaction per batch of messages: the receive side of the {@code queue-jms-*}
 * routes ({@code routes/queue.camel.yaml}).
 *
 * <p>Why not Camel's JMS consumer: it commits one transaction per message, and each commit waits for
 * the broker's journal (measured on our machines: 357 messages/s with 8 transacted consumers against
 * the embedded Artemis, a tenth of the API bound). Camel 4 has no JMS batch consumer (sjms-batch went
 * in 3.8), and an Aggregate EIP behind the transacted consumer still commits each message on its
 * arrival at the aggregator. Here each worker route owns a transacted session; {@link #receive}
 * takes up to {@code enricher.batch-size} IDs' worth of messages (or what came within
 * {@code enricher.queue.batch-timeout} of the first one) and exposes the session to the route the way
 * Spring's listener containers do, so the route's {@code to: jms:...} sends join the same
 * transaction. The transaction commits when the exchange completes: receives, outputs and rejects
 * together, one journal write for the whole batch. A failure rolls it all back (the broker redelivers,
 * then dead-letters); a crash or kill leaves the messages in the broker.
 *
 * <p>One worker gathers at a time (the others enrich and send meanwhile), so that a batch fills from
 * the queue instead of N half batches sharing it; each batch reads on a consumer of its own that
 * buffers about a hundred messages and is closed after the batch. The sessions come from Spring's
 * {@code CachingConnectionFactory}, so the route's sends reuse one producer per destination.
 *
 * <p>A message that is not text goes to the dead-letter queue alone, in the same transaction. A
 * rate-limit park puts the batch's messages back on the queue as new messages (same transaction):
 * a rollback would count a delivery against each of them and a long quota could send them to the
 * dead-letter queue.
 */
public final class JmsBatches extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(JmsBatches.class);
    /**
     * What the broker may push ahead into a batch's consumer (Artemis {@code consumerWindowSize}): about
     * a hundred one-ID messages, so a batch is read from the client's buffer instead of one round trip
     * a message (with no buffer at all: 970 IDs/s against 4,000 at the bound). What the batch leaves
     * in the buffer goes back to the queue when its consumer closes, not counted as a delivery.
     */
    public static final int CONSUMER_WINDOW_BYTES = 32 * 1024;

    private final ConnectionFactory connections;
    private final ConnectionFactory sendersKey;
    /** One worker gathers at a time, so that a batch fills from the queue instead of N batches sharing it. */
    private final ReentrantLock gathering = new ReentrantLock(true);
    private final String queue;
    private final String deadLetterQueue;
    private final int batchSize;
    private final long batchTimeoutNanos;
    private final long idleWaitMillis;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private volatile Connection connection;

    /**
     * @param connections where the sessions come from: a factory whose consumers buffer little
     *                    ({@link #CONSUMER_WINDOW_BYTES}); a consumer lives for one batch, so an idle or
     *                    suspended worker holds no message
     * @param sendersKey  the JMS component's connection factory: the session is exposed under it (the
     *                    same instance, or the route's sends would not find it)
     * @param idleWait    how long one receive waits for a first message before the route's next turn
     */
    public JmsBatches(ConnectionFactory connections, ConnectionFactory sendersKey, String queue, String deadLetterQueue, int batchSize,
            Duration batchTimeout, Duration idleWait) {
        this.connections = connections;
        this.sendersKey = sendersKey;
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.batchSize = batchSize;
        this.batchTimeoutNanos = batchTimeout.toNanos();
        this.idleWaitMillis = Math.max(1, idleWait.toMillis());
    }

    /**
     * Receives the next batch for the exchange's route; body out: the message texts, in order
     * (empty when none came). The exchange's completion commits the batch, its failure rolls it back.
     */
    public List<String> receive(Exchange exchange) throws JMSException, InterruptedException {
        List<String> bodies = new ArrayList<>();
        if (!gathering.tryLock(idleWaitMillis, TimeUnit.MILLISECONDS)) {
            return bodies; // another worker is gathering: this one's next turn
        }
        Worker worker;
        try {
            worker = worker(exchange.getFromRouteId());
            gather(worker, bodies);
        } finally {
            gathering.unlock();
        }
        if (bodies.isEmpty()) {
            return bodies;
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(sendersKey);
        TransactionSynchronizationManager.bindResource(sendersKey, new JmsResourceHolder(worker.session));
        exchange.getExchangeExtension().addOnCompletion(new Completion(worker, bodies));
        return bodies;
    }

    /**
     * Receives on a consumer opened for this batch only: a consumer left open would keep the messages
     * the broker pushed ahead into it until that worker's next turn. Closed, it gives them back; what
     * it received stays in the session's transaction.
     */
    private void gather(Worker worker, List<String> bodies) throws JMSException {
        try (MessageConsumer consumer = worker.session.createConsumer(worker.session.createQueue(queue))) {
            Message first = consumer.receive(idleWaitMillis);
            if (first == null) {
                return;
            }
            long deadline = System.nanoTime() + batchTimeoutNanos;
            int ids = 0;
            for (Message m = first; m != null; ) {
                if (m instanceof TextMessage text && text.getText() != null) {
                    bodies.add(text.getText());
                    ids += IdCount.of(text.getText());
                } else {
                    LOG.warn("A message on {} is not text ({}): it goes to {}", queue, m.getClass().getSimpleName(), deadLetterQueue);
                    worker.deadLetters().send(m);
                }
                if (ids >= batchSize) {
                    break;
                }
                long left = deadline - System.nanoTime();
                // past the deadline only what is there already (a short wait: with no client buffer a
                // message on its way from the broker is not "there" for receiveNoWait)
                m = consumer.receive(Math.max(1, left / 1_000_000));
            }
        } catch (JMSException | RuntimeException e) {
            worker.rollbackQuietly();
            throw e;
        }
    }

    private Worker worker(String routeId) throws JMSException {
        Worker worker = workers.get(routeId);
        if (worker == null || worker.broken) {
            worker = new Worker(connection().createSession(true, Session.SESSION_TRANSACTED));
            workers.put(routeId, worker);
        }
        return worker;
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            // a shared connection (Spring's CachingConnectionFactory), which reconnects by itself
            Connection c = connections.createConnection();
            c.start();
            connection = c;
        }
        return connection;
    }

    private synchronized void dropConnection() {
        workers.values().forEach(w -> w.broken = true);
        workers.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("closing the JMS connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    @Override
    protected void doStop() {
        dropConnection();
    }

    /** A worker route's session and, when needed, its producers to the dead-letter queue and back to the input. */
    private final class Worker {
        final Session session;
        private MessageProducer deadLetters;
        private MessageProducer input;
        volatile boolean broken;

        Worker(Session session) throws JMSException {
            this.session = session;
        }

        MessageProducer deadLetters() throws JMSException {
            if (deadLetters == null) {
                deadLetters = session.createProducer(session.createQueue(deadLetterQueue));
            }
            return deadLetters;
        }

        void putBack(List<String> bodies) throws JMSException {
            if (input == null) {
                input = session.createProducer(session.createQueue(queue));
            }
            for (String body : bodies) {
                input.send(session.createTextMessage(body));
            }
        }

        void close() {
            broken = true;
            try {
                session.close();
            } catch (JMSException e) {
                LOG.debug("closing a JMS session: {}", e.getMessage());
            }
        }

        void rollbackQuietly() {
            try {
                session.rollback();
            } catch (JMSException e) {
                broken = true;
                LOG.warn("JMS rollback failed ({}): the broker redelivers the batch when the session closes", e.getMessage());
            }
        }
    }

    /** Ends the batch's transaction with its exchange, on the route's thread. */
    private final class Completion extends SynchronizationAdapter {
        private final Worker worker;
        private final List<String> bodies;

        Completion(Worker worker, List<String> bodies) {
            this.worker = worker;
            this.bodies = bodies;
        }

        @Override
        public void onComplete(Exchange exchange) {
            TransactionSynchronizationManager.unbindResourceIfPossible(sendersKey);
            try {
                worker.session.commit();
            } catch (JMSException e) {
                worker.broken = true;
                LOG.warn("JMS commit failed ({}): the broker redelivers the batch", e.getMessage());
            }
        }

        @Override
        public void onFailure(Exchange exchange) {
            TransactionSynchronizationManager.unbindResourceIfPossible(sendersKey);
            if (parked(exchange.getException())) {
                try {
                    worker.putBack(bodies);
                    worker.session.commit();
                    return;
                } catch (JMSException e) {
                    LOG.warn("Cannot put the parked batch back as new messages ({}): rolling it back", e.getMessage());
                }
            } else {
                LOG.warn("A batch of {} messages was rolled back for the broker to deliver again: {}", bodies.size(),
                        reason(exchange.getException()));
            }
            worker.rollbackQuietly();
        }

        private String reason(Throwable failure) {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getMessage() != null && cause.getMessage().startsWith("Multicast processing failed")) {
                cause = cause.getCause();
            }
            return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }

        private boolean parked(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof RateLimitParkedException) {
                    return true;
                }
            }
            return false;
        }
    }
}
