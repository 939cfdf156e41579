package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages import in the order data moves: the doors (inbox, queue, embed, http) hand IDs to
 * enrich, whose results go to outbox; what every step needs (spotify, run, config) lies below
 * and imports none of them; health and the top package wire things up and are imported by
 * nobody. A plain scan of the import lines of src/main/java, and no cycle between packages.
 */
class PackageDependenciesTest {

    private static final String ROOT = "dev.artistenricher";
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.artistenricher\\.([a-z]+)\\.", Pattern.MULTILINE);
    /** Position in the flow; a package may import only packages at its own position or later. */
    private static final Map<String, Integer> FLOW = Map.of("inbox", 1, "schedule", 1, "queue", 1, "embed", 1, "http", 1, "enrich", 2, "outbox", 3);
    /** Below the flow: they may import each other (without a cycle), never a package of the flow. */
    private static final Set<String> BELOW = Set.of("spotify", "run", "config");
    /** The emulator stands alone: the application imports it only for --sandbox / --emulator. */
    private static final String SANDBOX = "sandbox";
    /** Wiring and operations: they may import anything, nothing imports them. */
    private static final Set<String> TOP = Set.of("", "health");

    @Test
    void importsFollowTheFlowAndFormNoCycle() throws IOException {
        Map<String, Set<String>> imports = imports();
        assertThat(imports.keySet()).as("every package has a place").allMatch(p ->
                FLOW.containsKey(p) || BELOW.contains(p) || TOP.contains(p) || p.equals(SANDBOX));
        List<String> wrong = new ArrayList<>();
        imports.forEach((from, targets) -> {
            for (String to : targets) {
                if (!allowed(from, to)) {
                    wrong.add((from.isEmpty() ? ROOT : from) + " -> " + to);
                }
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(cycles(imports)).isEmpty();
    }

    private static boolean allowed(String from, String to) {
        if (TOP.contains(to)) {
            return from.isEmpty() && to.equals("health");
        }
        if (TOP.contains(from)) {
            return true;
        }
        if (from.equals(SANDBOX) || to.equals(SANDBOX)) {
            return false;
        }
        if (BELOW.contains(from)) {
            return BELOW.contains(to);
        }
        return BELOW.contains(to) || FLOW.get(to) >= FLOW.get(from);
    }

    /** Packages on an import cycle (a package that can reach itself). */
    private static Set<String> cycles(Map<String, Set<String>> imports) {
        Set<String> onCycle = new TreeSet<>();
        for (String start : imports.keySet()) {
            Set<String> seen = new HashSet<>();
            List<String> todo = new ArrayList<>(imports.get(start));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                if (next.equals(start)) {
                    onCycle.add(start);
                    break;
                }
                if (seen.add(next)) {
                    todo.addAll(imports.getOrDefault(next, Set.of()));
                }
            }
        }
        return onCycle;
    }

    /** package (relative to dev.artistenricher, "" for the top one) -> the packages it imports. */
    private static Map<String, Set<String>> imports() throws IOException {
        Path sources = Path.of("src/main/java/dev/artistenricher");
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = sources.relativize(file.getParent());
                String pkg = dir.toString().replace('/', '.');
                Set<String> targets = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        targets.add(m.group(1));
                    }
                }
                // fully qualified names in code count too
                Matcher inline = Pattern.compile("\\bdev\\.artistenricher\\.([a-z]+)\\.[A-Z]").matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (inline.find()) {
                    if (!inline.group(1).equals(pkg)) {
                        targets.add(inline.group(1));
                    }
                }
            }
        }
        return imports;
    }
}
