package dev.artistenricher.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Grafana dashboard JSON as the tests read it: its panels and the PromQL they and its variables run. */
final class GrafanaDashboard {

    /** The Prometheus variable functions of Grafana; of {@code label_values(metric, label)} only the metric is PromQL. */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*[a-zA-Z_]\\w*\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$");

    final JsonNode json;

    GrafanaDashboard(Path file) throws IOException {
        json = new ObjectMapper().readTree(file.toFile());
    }

    /** Every panel, those inside collapsed rows too. */
    List<JsonNode> panels() {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /** The PromQL of every panel target and every query variable. */
    List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                variableExpression(query.isObject() ? query.path("query").asText() : query.asText()).ifPresent(expressions::add);
            }
        }
        return expressions;
    }

    /** Every metric name the dashboard queries. */
    Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        expressions().forEach(e -> names.addAll(PromQlMetricNames.in(e)));
        return names;
    }

    private static Optional<String> variableExpression(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            return Optional.ofNullable(labelValues.group(1));
        }
        Matcher result = QUERY_RESULT.matcher(query);
        return Optional.of(result.matches() ? result.group(1) : query);
    }
}
