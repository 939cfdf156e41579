package dev.artistenricher.health;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (with Grafana's {@code $variables}) selects: what is left
 * once strings, label matchers, ranges, grouping label lists, numbers, functions and keywords are
 * taken out. Enough PromQL for dashboards; not a parser of the whole language.
 */
final class PromQlMetricNames {

    /** {@code {__name__="spotify_api_calls_total"}}: a name written as a label matcher. */
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    /** {@code by (le)}, {@code without (instance)}, {@code on (job)}, {@code group_left (kind)}: label names, not metrics. */
    private static final Pattern LABEL_LIST = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    /** An identifier not inside a number ({@code 1e3}, {@code 5m}) and not a call ({@code rate(}, {@code sum (}). */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan");

    private PromQlMetricNames() {
    }

    static Set<String> in(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher byLabel = NAME_MATCHER.matcher(expression);
        while (byLabel.find()) {
            names.add(byLabel.group(1));
        }
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = LABEL_MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        Matcher m = NAME.matcher(rest);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
