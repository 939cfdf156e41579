package dev.artistenricher.health;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a scrape of {@code /observe/metrics} offers to PromQL: the metric families with their
 * types (the {@code # TYPE} lines) and the series names sampled. A query names a series: a
 * counter or gauge by its own name, a histogram by {@code _bucket}, {@code _count} or
 * {@code _sum} after the family name (never the bare family name), a summary by its name,
 * {@code _count} or {@code _sum}.
 */
final class PrometheusExposition {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private final Map<String, String> typeByFamily = new HashMap<>();
    private final Set<String> sampled = new HashSet<>();

    PrometheusExposition(String text) {
        Matcher type = TYPE.matcher(text);
        while (type.find()) {
            typeByFamily.put(type.group(1), type.group(2));
        }
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            sampled.add(sample.group(1));
        }
    }

    /** Whether a query naming {@code series} finds samples in this scrape. */
    boolean offers(String series) {
        return sampled.contains(series) && familyOf(series).isPresent();
    }

    /** The family a series belongs to, if its name fits the family's type. */
    Optional<String> familyOf(String series) {
        String own = typeByFamily.get(series);
        if ("counter".equals(own) || "gauge".equals(own) || "untyped".equals(own) || "summary".equals(own)) {
            return Optional.of(series);
        }
        // OpenMetrics names a counter's family without the _total its samples carry
        if (series.endsWith("_total") && "counter".equals(typeByFamily.get(strip(series, "_total")))) {
            return Optional.of(strip(series, "_total"));
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (series.endsWith(suffix)) {
                String family = strip(series, suffix);
                String type = typeByFamily.get(family);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return Optional.of(family);
                }
            }
        }
        return Optional.empty();
    }

    private static String strip(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }
}
