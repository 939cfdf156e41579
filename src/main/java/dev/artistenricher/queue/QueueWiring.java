package dev.artistenricher.queue;

import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.config.QueueSettings;
import dev.artistenricher.enrich.ArtistStore;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.spi.Registry;
import org.springframework.jms.connection.CachingConnectionFactory;

/** Wires queue mode into the context: the template parameters, its beans, the JMS / Kafka components, the broker. */
public final class QueueWiring {

    private QueueWiring() {
    }

    /**
     * Queue mode (SPEC.md): only when {@code enricher.input-uri} is set. Binds the route parameters
     * that make Camel create the {@code queue} route from its template, the bean it calls, and the
     * JMS / Kafka components its endpoints need, with the embedded broker as a Camel service.
     */
    public static void configure(CamelContext context, QueueSettings queue, EnricherSettings settings,
            ArtistStore cache) {
        if (!queue.enabled()) {
            return;
        }
        Registry registry = context.getRegistry();
        registry.bind("queueSettings", queue);
        registry.bind("queueMessages", new QueueMessages(settings.batchSize(), cache, queue.redeliverOnApiError(),
                settings.spillDirectory()));
        registry.bind("quietBatchFailures", new QuietBatchFailures());
        registry.bind("queueRoutes", new QueueRoutes(queue, settings.concurrency()));
        if (queue.broker() != QueueSettings.Broker.NONE) {
            ActiveMQConnectionFactory connections;
            // the batch receiver's own: its consumers buffer about a batch (see JmsBatches)
            ActiveMQConnectionFactory receiving;
            if (queue.broker() == QueueSettings.Broker.EMBEDDED) {
                // started before the routes and stopped after them, by Camel
                addService(context, new ArtemisBroker(queue.brokerDataDir(), queue.brokerBind(),
                        queue.maxDeliveryAttempts(), queue.redeliveryDelay(), queue.deadLetterQueue()));
                connections = new ActiveMQConnectionFactory(ArtemisBroker.IN_VM_URL);
                receiving = new ActiveMQConnectionFactory(ArtemisBroker.IN_VM_URL);
            } else {
                connections = new ActiveMQConnectionFactory(queue.brokerUrl(), queue.brokerUser(), queue.brokerPassword());
                receiving = new ActiveMQConnectionFactory(queue.brokerUrl(), queue.brokerUser(), queue.brokerPassword());
            }

            receiving.setConsumerWindowSize(JmsBatches.CONSUMER_WINDOW_BYTES);
            JmsComponent jms = JmsComponent.jmsComponent(connections);
            // a message is acknowledged only when the route completes: the sends of the route join the
            // consumer's local transaction, a failure rolls back the receive and the sends together
            jms.setTransacted(true);
            jms.setCacheLevelName("CACHE_CONSUMER");
            // a JMSReplyTo from outside must not make us send anything anywhere
            jms.setDisableReplyTo(true);
            registry.bind("jms", jms);
            String input = queue.inputUri().orElseThrow();
            if (QueueSettings.jmsQueue(input).isPresent()) {
                // exposed under the component's connection factory: the routes' sends find the batch's session
                // sessions that keep their producers: the route's sends reuse one per destination instead
                // of opening one a message (measured: 1,100 IDs/s one-ID messages, the sends the cost)
                CachingConnectionFactory batchSessions = new CachingConnectionFactory(receiving);
                batchSessions.setCacheConsumers(false); // a batch's consumer must really close
                batchSessions.setSessionCacheSize(2 * settings.concurrency());
                addService(context, new JmsBatches(batchSessions, connections, QueueSettings.jmsQueue(input).get(), queue.deadLetterQueue(),
                        settings.batchSize(), queue.batchTimeout(), IDLE_RECEIVE), "jmsBatches");
            }
        }
        if (queue.kafkaBrokers() != null) {
            KafkaConfiguration kafkaConfig = new KafkaConfiguration();
            kafkaConfig.setBrokers(queue.kafkaBrokers());
            kafkaConfig.setGroupId(queue.kafkaGroupId());
            kafkaConfig.setMaxPollRecords(queue.kafkaMaxPollRecords());
            // a new consumer group starts at the beginning of the topic, not at its end
            kafkaConfig.setAutoOffsetReset("earliest");
            KafkaComponent kafka = new KafkaComponent();
            kafka.setConfiguration(kafkaConfig);
            registry.bind("kafka", kafka);
        }
    }

    /** How long a JMS worker waits for a first message before its route's next turn (bounds a graceful stop). */
    private static final java.time.Duration IDLE_RECEIVE = java.time.Duration.ofMillis(500);

    private static void addService(CamelContext context, org.apache.camel.Service service, String name) {
        context.getRegistry().bind(name, service);
        addService(context, service);
    }

    private static void addService(CamelContext context, org.apache.camel.Service service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add " + service, e);
        }
    }

}
