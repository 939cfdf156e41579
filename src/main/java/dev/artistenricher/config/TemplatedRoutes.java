package dev.artistenricher.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.spi.RouteTemplateParameterSource;

/**
 * Routes to create from templates of {@code routes/}, by route ID. Camel creates a route from a
 * template for every {@link RouteTemplateParameterSource} bean it finds in the registry while the
 * context starts (the mechanism behind Camel Main's {@code camel.route-template[n].*} properties):
 * binding such a bean only when a feature is configured (queue mode, a schedule) creates its routes
 * only then; without it the templates stay templates, and no endpoint of theirs is resolved.
 */
public abstract class TemplatedRoutes implements RouteTemplateParameterSource {

    private final Map<String, Map<String, Object>> routes = new LinkedHashMap<>();

    /** The route {@code routeId} from the template {@code templateId} with these parameters. */
    protected final void add(String routeId, String templateId, Map<String, Object> parameters) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put(TEMPLATE_ID, templateId);
        routes.put(routeId, Map.copyOf(all));
    }

    /** The parameters of a route, by route ID (the template's ID under {@value #TEMPLATE_ID}). */
    public final Map<String, Map<String, Object>> routes() {
        return routes;
    }

    @Override
    public final Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(routes.getOrDefault(routeId, Map.of()));
    }

    @Override
    public final Set<String> routeIds() {
        return routes.keySet();
    }
}
