package dev.artistenricher.queue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ActiveMQ Artemis broker inside the application's JVM ({@code enricher.broker=embedded}),
 * started and stopped by Camel as a {@link Service}. Messages are persisted in a journal under
 * {@code enricher.broker.data-dir}, so a restart loses nothing. The application itself connects
 * in-VM ({@link #IN_VM_URL}); other programs reach it on {@code enricher.broker.bind} with the
 * CORE or AMQP protocol. A message that fails {@code maxDeliveryAttempts} times is moved to the
 * dead letter queue.
 */
public final class ArtemisBroker implements Service {

    public static final String IN_VM_URL = "vm://0";
    private static final Logger LOG = LoggerFactory.getLogger(ArtemisBroker.class);
    private static final int JOURNAL_FILE_SIZE = 1024 * 1024;

    private final Path dataDir;
    private final String bind;
    private final int maxDeliveryAttempts;
    private final Duration redeliveryDelay;
    private final String deadLetterQueue;
    private EmbeddedActiveMQ broker;

    public ArtemisBroker(Path dataDir, String bind, int maxDeliveryAttempts, Duration redeliveryDelay, String deadLetterQueue) {
        this.dataDir = dataDir;
        this.bind = bind;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.redeliveryDelay = redeliveryDelay;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public synchronized void start() {
        if (broker != null) {
            return;
        }
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("artist-enricher");
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setJournalType(JournalType.NIO);
        config.setJournalFileSize(JOURNAL_FILE_SIZE);
        config.setJournalMinFiles(2);
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        try {
            config.addAcceptorConfiguration("in-vm", IN_VM_URL);
            config.addAcceptorConfiguration("tcp", bind + (bind.contains("?") ? "&" : "?") + "protocols=CORE,AMQP");
        } catch (Exception e) {
            throw new IllegalArgumentException("enricher.broker.bind is not a valid acceptor URL: " + bind, e);
        }
        config.addAddressSetting("#", new AddressSettings()
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelay.toMillis())
                .setDeadLetterAddress(SimpleString.of(deadLetterQueue))
                .setExpiryAddress(SimpleString.of(deadLetterQueue))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        config.addQueueConfiguration(QueueConfiguration.of(deadLetterQueue).setAddress(deadLetterQueue)
                .setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded broker on " + bind + ": " + e.getMessage(), e);
        }
        broker = server;
        LOG.info("Embedded ActiveMQ Artemis broker listening on {} (CORE, AMQP), data in {}", bind, dataDir);
    }

    @Override
    public synchronized void stop() {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
        } catch (Exception e) {
            LOG.warn("Embedded broker did not stop cleanly: {}", e.getMessage());
        } finally {
            broker = null;
            // Artemis keeps client and in-VM threads alive after the broker stops; without this the JVM lingers
            ActiveMQClient.clearThreadPools();
            InVMConnector.resetThreadPool();
        }
    }
}
