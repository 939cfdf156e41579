package dev.artistenricher.queue;

import dev.artistenricher.config.QueueSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * Turns the {@code queue} route template of {@code routes/queue.camel.yaml} into the route
 * {@code queue}, but only when {@code enricher.input-uri} is set.
 *
 * <p>Why this way: Camel creates a route from a template for every {@link RouteTemplateParameterSource}
 * bean it finds in the registry while the context starts (the mechanism behind Camel Main's
 * {@code camel.route-template[n].*} properties). {@code EnricherConfiguration} binds this bean only
 * when queue mode is configured, so without {@code enricher.input-uri} the template stays a template:
 * no queue route exists, no endpoint is resolved, nothing can fail. (A {@code templatedRoute} in YAML
 * would always be created; an {@code autoStartup} switch would still need resolvable endpoint URIs.)
 *
 * <p>The URIs are the configured ones, completed with the options the route's guarantees rely on
 * (each added only when the URI does not set it):
 * <ul>
 *   <li>Kafka input: a poll is one exchange ({@code batching=true}), offsets are committed only by the
 *   route after the outputs were sent ({@code allowManualCommit=true&autoCommitEnable=false}), and a
 *   failed poll is consumed again instead of being skipped ({@code breakOnFirstError=true});</li>
 *   <li>Kafka outputs: the send returns once the broker has the record ({@code synchronous=true}, so the
 *   commit at the end of the route comes after it, on the consumer thread), idempotent producer,
 *   {@code acks=all}.</li>
 * </ul>
 * JMS transactions ({@code transacted=true}, {@code cacheLevelName=CACHE_CONSUMER}) and
 * {@code disableReplyTo=true} are set on the {@code jms} component itself.
 */
public final class QueueRoute implements RouteTemplateParameterSource {

    public static final String TEMPLATE_ID = "queue";
    public static final String ROUTE_ID = "queue";

    private final Map<String, Object> parameters;

    public QueueRoute(QueueSettings settings) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(TEMPLATE_ID_KEY, TEMPLATE_ID);
        p.put("inputUri", inputUri(settings.inputUri().orElseThrow()));
        p.put("outputUri", outputUri(settings.outputUri()));
        p.put("rejectsUri", outputUri(settings.rejectsUri()));
        // the header the artist ID goes to besides artistId: the record key for a Kafka output
        p.put("keyHeader", QueueSettings.isKafka(settings.outputUri()) ? "kafka.KEY" : "artistId");
        this.parameters = Map.copyOf(p);
    }

    private static final String TEMPLATE_ID_KEY = "templateId";

    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return ROUTE_ID.equals(routeId) ? new LinkedHashMap<>(parameters) : Map.of();
    }

    @Override
    public Set<String> routeIds() {
        return Set.of(ROUTE_ID);
    }

    static String inputUri(String uri) {
        if (QueueSettings.isKafka(uri)) {
            return withOptions(uri, "batching=true", "allowManualCommit=true", "autoCommitEnable=false",
                    "breakOnFirstError=true");
        }
        return uri;
    }

    static String outputUri(String uri) {
        if (QueueSettings.isKafka(uri)) {
            return withOptions(uri, "synchronous=true", "enableIdempotence=true", "requestRequiredAcks=all");
        }
        return uri;
    }

    /** Adds each {@code name=value} whose name the URI does not already set. */
    static String withOptions(String uri, String... options) {
        StringBuilder out = new StringBuilder(uri);
        String query = uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "";
        for (String option : options) {
            String name = option.substring(0, option.indexOf('='));
            boolean present = false;
            for (String pair : query.split("&")) {
                if (pair.equals(name) || pair.startsWith(name + "=")) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                out.append(out.indexOf("?") < 0 ? '?' : '&').append(option);
            }
        }
        return out.toString();
    }
}
