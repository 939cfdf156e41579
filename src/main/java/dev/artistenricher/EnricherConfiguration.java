package dev.artistenricher;

import dev.artistenricher.config.EnricherSettings;
import dev.artistenricher.config.QueueSettings;
import dev.artistenricher.queue.ArtemisBroker;
import dev.artistenricher.queue.QueueMessages;
import dev.artistenricher.queue.QueueRoute;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import dev.artistenricher.enrich.ArtistCache;
import dev.artistenricher.enrich.BatchEnricher;
import dev.artistenricher.outbox.FileJobs;
import dev.artistenricher.run.RunStatus;
import dev.artistenricher.spotify.AccessTokenProvider;
import dev.artistenricher.spotify.ApiStats;
import dev.artistenricher.spotify.RateLimitGate;
import dev.artistenricher.spotify.SpotifyArtistsApi;
import dev.artistenricher.spotify.TokenEndpointClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.ThreadPoolProfile;

/**
 * Wires the beans the routes refer to by name. Settings are read and validated first, so a bad
 * value stops the start before any route runs.
 */
public class EnricherConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        EnricherSettings settings = EnricherSettings.read(key -> context.getPropertiesComponent().resolveProperty(key));
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        RunStatus status = registry.lookupByNameAndType("runStatus", RunStatus.class);
        if (status == null) {
            status = new RunStatus(false, () -> { });
            registry.bind("runStatus", status);
        }

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        AccessTokenProvider tokens = new AccessTokenProvider(
                new TokenEndpointClient(http, settings.tokenUrl(), settings.clientId(), settings.clientSecret(),
                        settings.httpTimeout(), clock),
                clock);
        ApiStats stats = new ApiStats();
        SpotifyArtistsApi api = new SpotifyArtistsApi(http, settings.apiUrl(), tokens, new RateLimitGate(clock),
                settings.concurrency(), settings.httpTimeout(), stats);
        ArtistCache cache = new ArtistCache(settings.cacheTtl(), settings.cacheMaxBytes());
        BatchEnricher enricher = new BatchEnricher(api, cache, settings.batchSize(),
                new BatchEnricher.RetryPolicy(settings.giveUpAfter(), settings.retryInitialBackoff(), settings.retryMaxBackoff()),
                clock);

        registry.bind("settings", settings);
        registry.bind("accessTokens", tokens);
        registry.bind("apiStats", stats);
        registry.bind("artistCache", cache);
        registry.bind("batchEnricher", enricher);
        registry.bind("fileJobs", new FileJobs(settings.outbox(), settings.batchSize(), cache, status, clock));
        registry.bind("enrichmentPool", enrichmentPool(context, settings.concurrency()));

        configureQueueMode(context, QueueSettings.read(key -> context.getPropertiesComponent().resolveProperty(key)),
                settings, cache);
    }

    /**
     * Queue mode (SPEC.md): only when {@code enricher.input-uri} is set. Binds the route parameters
     * that make Camel create the {@code queue} route from its template, the bean it calls, and the
     * JMS / Kafka components its endpoints need, with the embedded broker as a Camel service.
     */
    private static void configureQueueMode(CamelContext context, QueueSettings queue, EnricherSettings settings,
            ArtistCache cache) {
        if (!queue.enabled()) {
            return;
        }
        Registry registry = context.getRegistry();
        registry.bind("queueSettings", queue);
        registry.bind("queueMessages", new QueueMessages(settings.batchSize(), cache, queue.redeliverOnApiError()));
        registry.bind("queueRoute", new QueueRoute(queue));
        if (queue.broker() != QueueSettings.Broker.NONE) {
            ConnectionFactory connections;
            if (queue.broker() == QueueSettings.Broker.EMBEDDED) {
                // started before the routes and stopped after them, by Camel
                addService(context, new ArtemisBroker(queue.brokerDataDir(), queue.brokerBind(),
                        queue.maxDeliveryAttempts(), queue.redeliveryDelay(), queue.deadLetterQueue()));
                connections = new ActiveMQConnectionFactory(ArtemisBroker.IN_VM_URL);
            } else {
                connections = new ActiveMQConnectionFactory(queue.brokerUrl(), queue.brokerUser(), queue.brokerPassword());
            }
            JmsComponent jms = JmsComponent.jmsComponent(connections);
            // a message is acknowledged only when the route completes: the sends of the route join the
            // consumer's local transaction, a failure rolls back the receive and the sends together
            jms.setTransacted(true);
            jms.setCacheLevelName("CACHE_CONSUMER");
            // a JMSReplyTo from outside must not make us send anything anywhere
            jms.setDisableReplyTo(true);
            registry.bind("jms", jms);
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

    private static void addService(CamelContext context, org.apache.camel.Service service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add " + service, e);
        }
    }

    /**
     * The splitter's threads: one per API call allowed in flight. The queue is short and a full
     * queue makes the splitter run the batch itself, so reading the input never runs far ahead of
     * the API (bounded memory for files of any size).
     */
    private static ExecutorService enrichmentPool(CamelContext context, int concurrency) {
        ThreadPoolProfile profile = new ThreadPoolProfile("enrichment");
        profile.setPoolSize(concurrency);
        profile.setMaxPoolSize(concurrency);
        profile.setMaxQueueSize(concurrency);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return context.getExecutorServiceManager().newThreadPool(context, "enrichment", profile);
    }
}
