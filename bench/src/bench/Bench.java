package bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark driver: generates inputs, starts the emulator in its own JVM ({@link EmulatorLauncher}),
 * runs the real application jar with {@code --once} as a user does (one JVM per run), the plain
 * HttpClient loop ({@link PlainLoop}) and the Java peer ({@link PeerRun}), then prints a table and
 * writes it as JSON. Run it through {@code bench/run.sh} from the repository root.
 *
 * <p>Options: {@code --reps N} (default 3), {@code --heavy-reps N} (default 1: repetitions of the runs
 * that take more than about a minute each, so that the default bench stays near 20 minutes on 2 cores),
 * {@code --quick} (small inputs, 1 repetition, ~2 minutes), {@code --once} (measure with
 * {@code --once} instead of the daemon; see {@link #onceProbe()}), {@code --rows 0,1,2,3,4,5,7} (row 6,
 * start-up, is measured on every application run), {@code --out FILE} (default bench/results/latest.json).
 *
 * <p>How the app is run: as a daemon ({@code java -jar artist-enricher.jar}, the default command), until
 * its {@code <base>.summary.json} appears, then SIGTERM. {@code --once} is not used for the figures
 * because it ends the run at the first empty poll while the file is still being enriched and relies
 * on the graceful shutdown ({@code camel.main.shutdown-timeout}, 30 s) to finish it: a file needing
 * more than that is rolled back and the process still exits 0. Row 0 demonstrates it.
 */
public final class Bench {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path APP_JAR = ROOT.resolve("target/artist-enricher.jar");
    private static final Path WORK = ROOT.resolve("bench/work");
    private static final Path CLASSES = ROOT.resolve("bench/target/classes");
    private static final String SEP = System.getProperty("path.separator");
    private static final int READ_LOCK_MS = 100;
    private static final int POLL_MS = 100;
    /** A run whose outbox has not grown for this long (emulator latency <= 50 ms) is declared stuck. */
    private static final int STALL_S = 60;

    // settings, set from the command line
    private int reps = 3;
    private int heavyReps = 1;
    private boolean quick;
    private boolean onceMode;
    private List<Integer> rows = List.of(0, 1, 2, 3, 4, 5, 7);
    private Path out = ROOT.resolve("bench/results/latest.json");

    private Emulator emulator;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<AppRun> allAppRuns = new ArrayList<>();
    private final List<String> table = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> bench.reps = Integer.parseInt(args[++i]);
                case "--heavy-reps" -> bench.heavyReps = Integer.parseInt(args[++i]);
                case "--once" -> bench.onceMode = true;
                case "--quick" -> bench.quick = true;
                case "--rows" -> bench.rows = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::valueOf).toList();
                case "--out" -> bench.out = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    System.err.println("unknown option " + args[i]
                            + " (options: --reps N, --heavy-reps N, --quick, --once, --rows 0,1,2,3,4,5,7, --out FILE)");
                    System.exit(2);
                }
            }
        }
        if (bench.quick && !Arrays.asList(args).contains("--reps")) {
            bench.reps = 1;
        }
        bench.heavyReps = Math.min(bench.heavyReps, bench.reps);
        bench.run();
    }

    // ------------------------------------------------------------------------------------------
    // sizes: the full bench as specified, or the --quick smoke check

    private long batchIds() { return quick ? 5_000 : 100_000; }
    private long singleIds() { return quick ? 500 : 5_000; }
    private long zeroLatencyIds() { return quick ? 100_000 : 1_000_000; }
    private long peerIds() { return batchIds(); }
    private long[] memoryLines() { return quick ? new long[] {100_000, 1_000_000} : new long[] {100_000, 1_000_000, 10_000_000}; }
    private long tokenLifetimeS() { return quick ? 5 : 10; }
    private long tokenRunIds() { return quick ? 20_000 : 100_000; }
    private static final int[] BATCH_CONCURRENCY = {1, 4, 8};
    private static final int[] SINGLE_CONCURRENCY = {4, 16};
    private static final int ZERO_LATENCY_CONCURRENCY = 4;
    private static final int MEMORY_CONCURRENCY = 4;
    private static final int[] PEER_CONCURRENCY = {1, 8};

    private void run() throws Exception {
        Instant began = Instant.now();
        Files.createDirectories(WORK);
        settings(began);
        emulator = Emulator.start(WORK.resolve("emulator.log"));
        try {
            if (rows.contains(0)) {
                onceProbe();
            }
            if (rows.contains(1)) {
                rowBatch();
            }
            if (rows.contains(2)) {
                rowSingle();
            }
            if (rows.contains(3)) {
                rowZeroLatency();
            }
            if (rows.contains(4)) {
                rowTokens();
            }
            if (rows.contains(5)) {
                rowMemory();
            }
            if (rows.contains(7)) {
                rowPeer();
            }
            rowApiCalls();
            rowStartup();
        } finally {
            emulator.close();
        }
        results.put("totalSeconds", Duration.between(began, Instant.now()).toSeconds());
        results.put("table", table);
        results.put("notes", notes);
        writeJson();
        System.out.println();
        printHeader();
        table.forEach(System.out::println);
        System.out.println();
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.println();
        System.out.println("total " + results.get("totalSeconds") + " s; JSON: " + ROOT.relativize(out));
    }

    private void settings(Instant began) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("date", began.toString());
        s.put("cores", Runtime.getRuntime().availableProcessors());
        s.put("cpu", cpuModel());
        s.put("memTotalMb", memTotalMb());
        s.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        s.put("repetitions", reps);
        s.put("quick", quick);
        s.put("figure", "median of the repetitions; IDs/s = unique IDs / summary.json durationMs (the file's processing time)");
        s.put("appJvm", "java [-Xmx128m for row 5] -jar target/artist-enricher.jar (daemon unless --once; default GC and heap otherwise)");
        s.put("heavyRepetitions", heavyReps);
        s.put("loadAverageAtStart", loadAverage());
        s.put("enricher.inbox.read-lock-check-interval", READ_LOCK_MS);
        s.put("enricher.inbox.poll-interval", POLL_MS);
        s.put("emulator", "project SpotifyEmulator, synthetic catalog, own JVM (bench.EmulatorLauncher), 127.0.0.1");
        s.put("gitCommit", git("rev-parse", "--short", "HEAD"));
        results.put("settings", s);
    }

    private void printHeader() {
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) results.get("settings");
        System.out.println("artist-enricher benchmark, " + s.get("date") + " (commit " + s.get("gitCommit") + ")");
        System.out.println("machine: " + s.get("cores") + " cores (" + s.get("cpu") + "), " + s.get("memTotalMb") + " MB RAM, "
                + s.get("java") + "; shared with other builds, figures are medians of " + reps + " run(s)"
                + (quick ? " [--quick: reduced sizes]" : ""));
        System.out.println("app: java -jar target/artist-enricher.jar " + (onceMode ? "--once" : "(daemon; SIGTERM once <base>.summary.json is in place)")
                + ", read-lock-check-interval=" + READ_LOCK_MS + " ms, poll-interval=" + POLL_MS
                + " ms; emulator: own JVM, synthetic catalog; IDs/s = unique / summary durationMs; runs over ~45 s repeated "
                + heavyReps + "x");
        System.out.println("load average at start: " + loadAverage() + " (per run in the JSON)");
        System.out.println();
    }

    // ------------------------------------------------------------------------------------------
    // row 0: --once on a file that needs longer than the graceful-shutdown timeout

    /**
     * Runs {@code --once} exactly as a user would on the row-1 input at concurrency 1 (about 100 s of
     * work at 50 ms): {@code --once} stops Camel at the first empty poll, which comes while the
     * file is still being enriched (the parallel split runs on the enrichment pool, so the poll
     * returns at once), and Camel's graceful shutdown then gives the file
     * {@code camel.main.shutdown-timeout} (30 s) before rolling it back. In --quick mode the timeout
     * is lowered to 2 s so the same thing shows on a small file.
     */
    private void onceProbe() throws Exception {
        Path input = input("distinct", batchIds(), 0);
        emulator.latency(50);
        List<String> extra = quick ? List.of("-Dcamel.main.shutdown-timeout=2") : List.of();
        AppRun run = runApp("once-c1", input, 1, 50, null, timeoutFor(batchIds() / 1000.0), true, extra);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", "--once, " + fmt(batchIds()) + " IDs, 50 ms, c=1" + (quick ? ", camel.main.shutdown-timeout=2" : ""));
        m.put("exitCode", run.exitCode);
        m.put("summaryWritten", run.summary != Json.EMPTY);
        m.put("inputLeftInInbox", run.inputLeftInInbox);
        m.put("apiCallsMade", (long) run.stats.num("apiCalls"));
        m.put("run", run.toMap());
        results.put("onceProbe", m);
        String verdict = run.ok() ? "OK: completed" : String.format(Locale.ROOT,
                "MISS: exit %d after %.0f s, %s, input %s, %d of %d API calls made", run.exitCode, run.wallMs / 1000,
                run.summary == Json.EMPTY ? "no outputs" : "outputs written", run.inputLeftInInbox ? "left in the inbox" : "moved",
                (long) run.stats.num("apiCalls"), (batchIds() + 49) / 50);
        table.add(String.format(Locale.ROOT, "%-9s %-42s %s", "0 --once", (String) m.get("what"), verdict));
    }

    // row 1: batch mode

    private void rowBatch() throws Exception {
        Path input = input("distinct", batchIds(), 0);
        emulator.latency(50);
        List<Map<String, Object>> rowResults = new ArrayList<>();
        for (int c : BATCH_CONCURRENCY) {
            double bound = c * 50 / 0.05;
            List<AppRun> runs = new ArrayList<>();
            for (int r = 0; r < repsFor(batchIds() / bound); r++) {
                runs.add(runApp("batch-c" + c, input, c, 50, null, timeoutFor(batchIds() / bound)));
            }
            rowResults.add(throughputRow("1 batch", "batch 50, " + fmt(batchIds()) + " IDs, 50 ms, c=" + c, runs, bound));
        }
        results.put("batch", rowResults);
    }

    // row 2: single mode

    private void rowSingle() throws Exception {
        Path input = input("distinct", singleIds(), 0);
        emulator.latency(50);
        List<Map<String, Object>> rowResults = new ArrayList<>();
        for (int c : SINGLE_CONCURRENCY) {
            double bound = c / 0.05;
            List<AppRun> runs = new ArrayList<>();
            for (int r = 0; r < repsFor(singleIds() / bound); r++) {
                runs.add(runApp("single-c" + c, input, c, 1, null, timeoutFor(singleIds() / bound)));
            }
            rowResults.add(throughputRow("2 single", "batch 1, " + fmt(singleIds()) + " IDs, 50 ms, c=" + c, runs, bound));
        }
        results.put("single", rowResults);
    }

    private Map<String, Object> throughputRow(String row, String what, List<AppRun> runs, double bound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("bound", bound);
        double ok = runs.stream().filter(AppRun::ok).count();
        double idsPerS = median(runs.stream().filter(AppRun::ok).toList(), AppRun::idsPerSecond);
        double wallIdsPerS = median(runs.stream().filter(AppRun::ok).toList(), AppRun::wallIdsPerSecond);
        m.put("idsPerSecond", round1(idsPerS));
        m.put("ratioToBound", round3(idsPerS / bound));
        m.put("wallIdsPerSecond", round1(wallIdsPerS));
        m.put("runs", runs.stream().map(AppRun::toMap).toList());
        long stuck = runs.stream().filter(r -> r.stalled).count();
        String status = ok == runs.size() ? "" : "  (" + (runs.size() - (long) ok) + " of " + runs.size() + " runs FAILED"
                + (stuck > 0 ? ", " + stuck + " STUCK: output stopped, see JSON" : "") + ")";
        if (Double.isNaN(idsPerS)) {
            table.add(String.format(Locale.ROOT, "%-9s %-42s did not complete: no figure (bound %s IDs/s), n=%d%s",
                    row, what, fmt1(bound), runs.size(), status));
        } else {
            table.add(String.format(Locale.ROOT, "%-9s %-42s %10s IDs/s  bound %8s  %5.1f %%   n=%d  (wall incl. JVM start %s IDs/s)%s",
                    row, what, fmt1(idsPerS), fmt1(bound), 100 * idsPerS / bound, runs.size(), fmt1(wallIdsPerS), status));
        }
        return m;
    }

    // row 3: zero latency, app vs plain HttpClient loop

    private void rowZeroLatency() throws Exception {
        Path input = input("distinct", zeroLatencyIds(), 0);
        emulator.latency(0);
        int c = ZERO_LATENCY_CONCURRENCY;
        List<AppRun> app = new ArrayList<>();
        List<ToolRun> plain = new ArrayList<>();
        // the emulator's own JIT warms up on a first run at full speed: without this, whichever side
        // runs first meets a slower emulator (measured: the plain loop 23 s cold, 16-17 s warm)
        runTool("warm-up", input("distinct", 100_000, 0), true, c, 300);
        // each pair takes ~40 s on 2 cores (the app ~20-25 s, the plain loop ~15-17 s): --reps pairs
        for (int r = 0; r < repsFor(zeroLatencyIds() / 45_000.0); r++) {
            app.add(runApp("zero-c" + c, input, c, 50, null, 900));
            plain.add(runTool("plain-c" + c, input, true, c, 900));
        }
        double appRate = median(app.stream().filter(AppRun::ok).toList(), AppRun::idsPerSecond);
        double plainRate = median(plain.stream().filter(ToolRun::ok).toList(), ToolRun::idsPerSecond);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", fmt(zeroLatencyIds()) + " distinct IDs, latency 0, batch 50, concurrency " + c);
        m.put("appIdsPerSecond", round1(appRate));
        m.put("plainHttpClientIdsPerSecond", round1(plainRate));
        m.put("ratio", round3(appRate / plainRate));
        double appCpu = median(app.stream().filter(r -> r.ok() && r.cpuMs > 0).toList(), r -> r.cpuMs);
        double plainCpu = median(plain.stream().filter(r -> r.ok() && r.result.num("cpuMs") > 0).toList(), r -> r.result.num("cpuMs"));
        m.put("appCpuMsWholeJvm", appCpu);
        m.put("plainCpuMsWholeJvm", plainCpu);
        m.put("appRuns", app.stream().map(AppRun::toMap).toList());
        m.put("plainRuns", plain.stream().map(ToolRun::toMap).toList());
        results.put("zeroLatency", m);
        table.add(String.format(Locale.ROOT, "%-9s %-42s %10s IDs/s  plain HttpClient loop %s IDs/s: %5.1f %%   n=%d; CPU of the whole JVM: app %.1f s, plain %.1f s%s",
                "3 zero", "app, " + fmt(zeroLatencyIds()) + " IDs, latency 0, c=" + c, fmt1(appRate), fmt1(plainRate),
                100 * appRate / plainRate, app.size(), appCpu / 1000, plainCpu / 1000, failures(app, plain)));
    }

    // row 4 (tokens): a short token lifetime makes renewals countable

    private void rowTokens() throws Exception {
        Path input = input("distinct", tokenRunIds(), 0);
        emulator.latency(50);
        long lifetime = tokenLifetimeS();
        emulator.lifetime(lifetime);
        List<AppRun> runs = new ArrayList<>();
        try {
            for (int r = 0; r < heavyReps; r++) {
                runs.add(runApp("token-" + lifetime + "s", input, 4, 50, null, 900));
            }
        } finally {
            emulator.lifetime(3600);
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        for (AppRun run : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            // tokens are needed from the first request to the end of the file; a renewal is due once
            // 80-90 % of the lifetime has passed and is noticed by a trigger checking every second
            double holdS = run.ok() ? (run.endEpochMs - run.stats.num("firstTokenEpochMs")) / 1000.0 : Double.NaN;
            long min = 1 + (long) Math.floor(holdS / (0.9 * lifetime + 1));
            long max = 1 + (long) Math.floor(holdS / (0.8 * lifetime));
            m.put("tokenLifetimeS", lifetime);
            m.put("tokenHeldS", round1(holdS));
            m.put("tokenRequests", (long) run.stats.num("tokenRequests"));
            m.put("expectedRange", List.of(min, max));
            m.put("expiredTokenCalls", (long) run.stats.num("expiredTokenCalls"));
            m.put("run", run.toMap());
            checks.add(m);
        }
        results.put("tokens", checks);
        Map<String, Object> mid = checks.get(checks.size() / 2);
        @SuppressWarnings("unchecked")
        List<Long> range = (List<Long>) mid.get("expectedRange");
        long requests = (long) mid.get("tokenRequests");
        boolean inRange = checks.stream().allMatch(m -> {
            @SuppressWarnings("unchecked")
            List<Long> rg = (List<Long>) m.get("expectedRange");
            long t = (long) m.get("tokenRequests");
            return t >= rg.get(0) && t <= rg.get(1) && (long) m.get("expiredTokenCalls") == 0;
        });
        table.add(String.format(Locale.ROOT, "%-9s %-42s %10d token requests over %s s; expected %d..%d (1 + time/(0.8..0.9 x %d s, +1 s check)); expired-token calls %s: %s",
                "4 tokens", "token lifetime " + lifetime + " s, " + fmt(tokenRunIds()) + " IDs, c=4", requests, mid.get("tokenHeldS"),
                range.get(0), range.get(1), lifetime, mid.get("expiredTokenCalls"), inRange ? "OK" : "MISS"));
    }

    // row 4 (API calls), from every fault-free batch-mode run of this session

    private void rowApiCalls() {
        List<Map<String, Object>> checks = new ArrayList<>();
        long exact = 0;
        long total = 0;
        long tokenRuns = 0;
        long oneToken = 0;
        for (AppRun run : allAppRuns) {
            if (!run.ok() || run.batchSize != 50) {
                continue;
            }
            long unique = (long) run.summary.num("unique");
            long expected = (unique + 49) / 50;
            long summaryCalls = (long) run.summary.num("apiCalls");
            long emulatorCalls = (long) run.stats.num("apiCalls");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", run.label);
            m.put("unique", unique);
            m.put("expected", expected);
            m.put("summaryApiCalls", summaryCalls);
            m.put("emulatorApiCalls", emulatorCalls);
            m.put("tokenRequests", (long) run.stats.num("tokenRequests"));
            checks.add(m);
            total++;
            if (summaryCalls == expected && emulatorCalls == expected) {
                exact++;
            }
            if (!run.label.startsWith("token-")) {
                tokenRuns++;
                if (run.stats.num("tokenRequests") == 1) {
                    oneToken++;
                }
            }
        }
        results.put("apiCalls", checks);
        if (total > 0) {
            String worst = checks.stream()
                    .filter(m -> !m.get("summaryApiCalls").equals(m.get("expected")) || !m.get("emulatorApiCalls").equals(m.get("expected")))
                    .map(m -> m.get("run") + ": " + m.get("emulatorApiCalls") + " vs " + m.get("expected"))
                    .findFirst().orElse("");
            table.add(String.format(Locale.ROOT, "%-9s %-42s %10s runs of %d with API calls == ceil(unique/50) (summary and emulator)%s",
                    "4 calls", "every fault-free batch-mode run above", exact, total, worst.isEmpty() ? ": OK" : "; first miss " + worst));
            table.add(String.format(Locale.ROOT, "%-9s %-42s %10s runs of %d with exactly 1 token request (3600 s tokens, runs < 48 min): %s",
                    "4 tokens", "every other batch-mode run above", oneToken, tokenRuns, oneToken == tokenRuns ? "OK" : "MISS"));
        }
    }

    // row 5: memory under -Xmx128m

    private void rowMemory() throws Exception {
        emulator.latency(0);
        List<Map<String, Object>> rowResults = new ArrayList<>();
        for (long lines : memoryLines()) {
            Path input = input("dup20", lines, 0.2);
            long unique = IdGen.uniqueCount(lines, 0.2);
            int n = lines >= 10_000_000 ? 1 : repsFor(unique / 17_000.0); // the 10M run takes minutes: once
            List<AppRun> runs = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                runs.add(runApp("mem-" + lines, input, MEMORY_CONCURRENCY, 50, "128m", 1200));
            }
            List<AppRun> done = runs.stream().filter(AppRun::ok).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lines", lines);
            m.put("unique", unique);
            m.put("runs", runs.stream().map(AppRun::toMap).toList());
            double heap = median(runs, r -> r.peakHeapMb);
            double heapAfterGc = median(runs, r -> r.peakHeapAfterGcMb);
            double rss = median(runs, r -> r.peakRssMb);
            m.put("peakHeapMb", heap);
            m.put("peakHeapAfterGcMb", heapAfterGc);
            m.put("peakRssMb", rss);
            m.put("completed", done.size() + " of " + runs.size());
            AppRun first = runs.get(0);
            String outcome = done.size() == runs.size()
                    ? String.format(Locale.ROOT, "completed, %s IDs/s", fmt1(median(done, AppRun::idsPerSecond)))
                    : first.stalled ? String.format(Locale.ROOT, "STUCK: output stopped, declared stuck at %.0f s (no output for %d s), %d enrichment threads alive, no error logged%s; %d API calls made",
                            first.stalledAtMs / 1000, STALL_S, first.enrichmentThreadsAtStall,
                            first.lastFullGcS > 0 ? String.format(Locale.ROOT, ", last Full GC at %.0f s", first.lastFullGcS) : "",
                            (long) first.stats.num("apiCalls"))
                    : "FAILED" + (first.oomAtMs > 0 ? String.format(Locale.ROOT, ": OutOfMemoryError logged at %.0f s", first.oomAtMs / 1000) : "")
                    + (first.killedAfterOom ? ", no summary 60 s later: killed" : first.timedOut ? ", killed at timeout" : "")
                    + String.format(Locale.ROOT, " (%.0f s, exit %d)", first.wallMs / 1000.0, first.exitCode)
                    + (first.failure.isEmpty() || first.oomAtMs > 0 ? "" : ", " + first.failure);
            m.put("outcome", outcome);
            rowResults.add(m);
            table.add(String.format(Locale.ROOT, "%-9s %-42s peak heap %4.0f MB (live after GC %4.0f MB), peak RSS %4.0f MB; %s",
                    "5 memory", fmt(lines) + " lines (20 % dup), -Xmx128m, c=" + MEMORY_CONCURRENCY + (n == 1 && reps > 1 ? ", 1 run" : ""),
                    heap, heapAfterGc, rss, outcome));
        }
        results.put("memory", rowResults);
    }

    // row 6: start-up, from every application run

    private void rowStartup() {
        List<AppRun> runs = allAppRuns.stream().filter(r -> r.stats.num("firstApiCallEpochMs") > 0).toList();
        if (runs.isEmpty()) {
            return;
        }
        double toToken = median(runs, r -> r.stats.num("firstTokenEpochMs") - r.startEpochMs);
        double toCall = median(runs, r -> r.stats.num("firstApiCallEpochMs") - r.startEpochMs);
        double min = runs.stream().mapToDouble(r -> r.stats.num("firstApiCallEpochMs") - r.startEpochMs).min().orElse(0);
        double max = runs.stream().mapToDouble(r -> r.stats.num("firstApiCallEpochMs") - r.startEpochMs).max().orElse(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs.size());
        m.put("msToFirstTokenRequest", toToken);
        m.put("msToFirstApiCall", toCall);
        m.put("msToFirstApiCallMin", min);
        m.put("msToFirstApiCallMax", max);
        results.put("startup", m);
        table.add(String.format(Locale.ROOT, "%-9s %-42s %10.0f ms to first API call (min %.0f, max %.0f; first token request at %.0f ms); includes the %d ms read lock",
                "6 startup", "java -jar ... until 1st API call, " + runs.size() + " runs", toCall, min, max, toToken, READ_LOCK_MS));
    }

    // row 7: the Java peer

    private void rowPeer() throws Exception {
        Path input = input("distinct", peerIds(), 0);
        emulator.latency(50);
        List<Map<String, Object>> rowResults = new ArrayList<>();
        for (int c : PEER_CONCURRENCY) {
            double bound = c * 50 / 0.05;
            List<ToolRun> runs = new ArrayList<>();
            for (int r = 0; r < repsFor(peerIds() / bound); r++) {
                runs.add(runTool("peer-c" + c, input, false, c, timeoutFor(peerIds() / bound)));
            }
            double rate = median(runs.stream().filter(ToolRun::ok).toList(), ToolRun::idsPerSecond);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", "spotify-web-api-java 9.4.0, " + (c == 1 ? "sequential" : "thread pool of " + c) + ", "
                    + fmt(peerIds()) + " IDs, 50 ms");
            m.put("concurrency", c);
            m.put("idsPerSecond", round1(rate));
            m.put("ratioToBound", round3(rate / bound));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> batch = (List<Map<String, Object>>) results.get("batch");
            Double app = null;
            if (batch != null) {
                for (Map<String, Object> b : batch) {
                    if (((String) b.get("what")).endsWith("c=" + c) && !((Double) b.get("idsPerSecond")).isNaN()) {
                        app = (Double) b.get("idsPerSecond");
                    }
                }
            }
            m.put("appIdsPerSecondSameConcurrency", app);
            m.put("runs", runs.stream().map(ToolRun::toMap).toList());
            rowResults.add(m);
            table.add(String.format(Locale.ROOT, "%-9s %-42s %10s IDs/s  bound %8s  %5.1f %%   n=%d  app at c=%d: %s IDs/s (%s)%s",
                    "7 peer", "spotify-web-api-java, " + (c == 1 ? "sequential" : "pool of " + c) + ", " + fmt(peerIds()) + " IDs",
                    fmt1(rate), fmt1(bound), 100 * rate / bound, runs.size(), c, app == null ? "-" : fmt1(app),
                    app == null ? (batch == null ? "row 1 not run" : "the app did not complete") : app > rate ? String.format(Locale.ROOT, "app %.2fx faster", app / rate)
                            : String.format(Locale.ROOT, "app %.2fx SLOWER", rate / app),
                    runs.stream().allMatch(ToolRun::ok) ? "" : "  (some runs FAILED)"));
        }
        results.put("peer", rowResults);
    }

    // ------------------------------------------------------------------------------------------
    // running things

    /** Repetitions of a run expected to take this long: the long ones (over ~45 s) run --heavy-reps times. */
    private int repsFor(double expectedSeconds) {
        return expectedSeconds > 45 ? heavyReps : reps;
    }

    private static long timeoutFor(double expectedSeconds) {
        return (long) Math.max(120, expectedSeconds * 4 + 60);
    }

    /** One run of the real application, as a user runs it, on a fresh inbox and outbox. */
    private AppRun runApp(String label, Path input, int concurrency, int batchSize, String xmx, long timeoutS) throws Exception {
        return runApp(label, input, concurrency, batchSize, xmx, timeoutS, onceMode, List.of());
    }

    private AppRun runApp(String label, Path input, int concurrency, int batchSize, String xmx, long timeoutS, boolean once,
            List<String> extraProperties) throws Exception {
        int n = (int) allAppRuns.stream().filter(r -> r.label.equals(label)).count() + 1;
        Path dir = WORK.resolve("runs").resolve(label + "-" + n);
        deleteTree(dir);
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = Files.createDirectories(dir.resolve("outbox"));
        Files.createLink(inbox.resolve(input.getFileName()), input);
        Path log = dir.resolve("app.log");
        Path gcLog = dir.resolve("gc.log");
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        if (xmx != null) {
            cmd.add("-Xmx" + xmx);
        }
        cmd.add("-Xlog:gc:file=" + gcLog);
        cmd.addAll(extraProperties);
        cmd.addAll(List.of(
                "-Dspotify.token-url=" + emulator.tokenUrl,
                "-Dspotify.api-url=" + emulator.apiUrl,
                "-Dspotify.client-id=" + emulator.clientId,
                "-Dspotify.client-secret=" + emulator.clientSecret,
                "-Denricher.inbox=" + inbox,
                "-Denricher.outbox=" + outbox,
                "-Denricher.store=" + dir.resolve("store"),
                "-Denricher.batch-size=" + batchSize,
                "-Denricher.concurrency=" + concurrency,
                "-Denricher.inbox.read-lock-check-interval=" + READ_LOCK_MS,
                "-Denricher.inbox.poll-interval=" + POLL_MS,
                // one app at a time, but a leftover or a user's own instance must not collide on 9876
                "-Dcamel.management.enabled=false",
                "-jar", APP_JAR.toString()));
        if (once) {
            cmd.add("--once");
        }
        emulator.reset();
        AppRun run = new AppRun(label, batchSize, concurrency, once);
        run.loadBefore = loadAverage();
        System.out.printf(Locale.ROOT, "  %-14s run %d: %s ... ", label, n, input.getFileName());
        System.out.flush();
        run.startEpochMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        String base = input.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        Path summary = outbox.resolve(base + ".summary.json");
        long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutS);
        long oomSeenAt = 0;
        int tick = 0;
        long outboxBytes = -1;
        long lastGrowth = System.nanoTime();
        // --once: until the process exits; daemon: until the summary is in place, then SIGTERM
        while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
            readProcStatus(p.pid(), run);
            if (!once && Files.exists(summary)) {
                run.cpuMs = cpuMs(p.pid());
                break;
            }
            if (tick % 10 == 0) {
                long bytes = treeSize(outbox);
                if (bytes != outboxBytes) {
                    outboxBytes = bytes;
                    lastGrowth = System.nanoTime();
                } else if (System.nanoTime() - lastGrowth > TimeUnit.SECONDS.toNanos(STALL_S)) {
                    // nothing written for a minute while the emulator answers at once: the file is stuck
                    run.stalled = true;
                    run.stalledAtMs = (System.nanoTime() - t0) / 1e6;
                    Path dump = dir.resolve("jstack.txt");
                    run.enrichmentThreadsAtStall = threadDump(p.pid(), dump);
                    break;
                }
            }
            if (++tick % 10 == 0 && oomSeenAt == 0 && failureOf(log).contains("OutOfMemoryError")) {
                oomSeenAt = System.nanoTime();
                run.oomAtMs = (oomSeenAt - t0) / 1e6;
            }
            boolean hungAfterOom = oomSeenAt != 0 && System.nanoTime() - oomSeenAt > TimeUnit.SECONDS.toNanos(STALL_S);
            if (System.nanoTime() > deadline || hungAfterOom) {
                run.timedOut = true;
                run.killedAfterOom = hungAfterOom;
                break;
            }
        }
        run.wallMs = (System.nanoTime() - t0) / 1e6;
        run.endEpochMs = System.currentTimeMillis();
        if (p.isAlive()) {
            p.destroy(); // SIGTERM: the daemon's normal stop
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
        run.exitCode = p.isAlive() ? -1 : p.exitValue();
        run.loadAfter = loadAverage();
        run.inputLeftInInbox = Files.exists(inbox.resolve(input.getFileName()));
        run.stats = Json.parse(emulator.command("stats"));
        readGcLog(gcLog, run);
        if (Files.exists(summary)) {
            run.summary = Json.parse(Files.readString(summary));
            Path jsonl = outbox.resolve(base + ".jsonl");
            try (Stream<String> lines = Files.lines(jsonl)) {
                run.jsonlLines = lines.count();
            }
        }
        run.failure = failureOf(log);
        deleteTree(outbox); // outputs of the big runs take gigabytes
        allAppRuns.add(run);
        System.out.println(run.describe());
        return run;
    }

    /** One run of the plain HttpClient loop or of the Java peer. */
    private ToolRun runTool(String label, Path input, boolean plain, int concurrency, long timeoutS) throws Exception {
        Path dir = WORK.resolve("runs").resolve(label);
        Files.createDirectories(dir);
        Path output = dir.resolve("out.jsonl");
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp"));
        if (plain) {
            cmd.add(CLASSES + SEP + ROOT.resolve("target/lib") + "/*");
            cmd.addAll(List.of("bench.PlainLoop", emulator.tokenUrl, emulator.apiUrl, emulator.clientId, emulator.clientSecret,
                    input.toString(), output.toString(), Integer.toString(concurrency), "50"));
        } else {
            cmd.add(CLASSES + SEP + ROOT.resolve("bench/target/peer-lib") + "/*");
            cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "bench.PeerRun", emulator.baseUrl,
                    emulator.clientId, emulator.clientSecret, input.toString(), output.toString(), Integer.toString(concurrency)));
        }
        emulator.reset();
        System.out.printf(Locale.ROOT, "  %-14s %s ... ", label, input.getFileName());
        System.out.flush();
        long t0 = System.nanoTime();
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ToolRun run = new ToolRun(label, concurrency);
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
            run.failure = "killed at timeout";
        }
        run.wallMs = (System.nanoTime() - t0) / 1e6;
        run.exitCode = p.isAlive() ? -1 : p.exitValue();
        run.stats = Json.parse(emulator.command("stats"));
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{\"ids\"")) {
                run.result = Json.parse(line);
            }
        }
        if (run.result == null && run.failure.isEmpty()) {
            run.failure = "no result line; see " + ROOT.relativize(log);
        }
        Files.deleteIfExists(output);
        System.out.println(run.describe());
        return run;
    }

    private static String failureOf(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        String found = "";
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.contains("OutOfMemoryError")) {
                    return "java.lang.OutOfMemoryError in the log" + (line.contains(":") ? " (" + line.strip().replaceAll("^.*OutOfMemoryError:?", "OutOfMemoryError:").trim() + ")" : "");
                }
                if (found.isEmpty() && (line.contains(" ERROR ") || line.startsWith("Exception"))) {
                    found = line.strip();
                }
            }
        }
        return found.length() > 160 ? found.substring(0, 160) : found;
    }

    /** CPU time (user + system) the process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
    private static double cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long treeSize(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** jstack of a stuck run, kept beside its log; returns how many enrichment-pool threads were alive. */
    private static int threadDump(long pid, Path file) {
        try {
            Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
            Process p = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(file.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return (int) Files.readAllLines(file).stream().filter(l -> l.startsWith("\"") && l.contains("- enrichment\"")).count();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    private static void readProcStatus(long pid, AppRun run) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    run.peakRssMb = Math.max(run.peakRssMb, Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
    }

    private static final Pattern GC_LINE = Pattern.compile("GC\\(\\d+\\) (Pause|Concurrent).*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** Peak heap in use (before a collection) and peak live heap (after one), from -Xlog:gc. */
    private static void readGcLog(Path gcLog, AppRun run) throws IOException {
        if (!Files.exists(gcLog)) {
            return;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (line.contains("Pause Full")) {
                Matcher at = Pattern.compile("^\\[([0-9.]+)s\\]").matcher(line);
                if (at.find()) {
                    run.lastFullGcS = Double.parseDouble(at.group(1));
                }
            }
            if (m.find()) {
                run.peakHeapMb = Math.max(run.peakHeapMb, Double.parseDouble(m.group(2)));
                run.peakHeapAfterGcMb = Math.max(run.peakHeapAfterGcMb, Double.parseDouble(m.group(3)));
                run.gcCount++;
            }
        }
    }

    /** The input file, generated once and kept in bench/work/inputs. */
    private static Path input(String kind, long lines, double dup) throws IOException {
        Path file = WORK.resolve("inputs").resolve(kind + "-" + lines + ".txt");
        if (!Files.exists(file)) {
            System.out.printf(Locale.ROOT, "  generating %s ... ", WORK.relativize(file));
            System.out.flush();
            long unique = IdGen.write(file, lines, dup);
            System.out.println(fmt(unique) + " distinct IDs");
        }
        return file;
    }

    // ------------------------------------------------------------------------------------------
    // results

    private void writeJson() throws IOException {
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(results, 0) + "\n");
    }

    private static <T> double median(List<T> items, ToDoubleFunction<T> f) {
        double[] v = items.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String failures(List<AppRun> app, List<ToolRun> tools) {
        long bad = app.stream().filter(r -> !r.ok()).count() + tools.stream().filter(r -> !r.ok()).count();
        return bad == 0 ? "" : "  (" + bad + " runs FAILED)";
    }

    static double round1(double d) {
        return Double.isNaN(d) ? d : Math.round(d * 10) / 10.0;
    }

    static double round3(double d) {
        return Double.isNaN(d) ? d : Math.round(d * 1000) / 1000.0;
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String fmt1(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%,.0f", d);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceFirst("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.replaceFirst("^model name\\s*:\\s*", "")).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long memTotalMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String git(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return s;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    /** What one application run did. */
    static final class AppRun {
        final String label;
        final int batchSize;
        final int concurrency;
        final boolean once;
        long startEpochMs;
        long endEpochMs;
        double wallMs;
        int exitCode;
        boolean timedOut;
        Json summary = Json.EMPTY;
        Json stats = Json.EMPTY;
        long jsonlLines = -1;
        double peakRssMb;
        double peakHeapMb;
        double peakHeapAfterGcMb;
        int gcCount;
        double lastFullGcS;
        String failure = "";
        double oomAtMs;
        boolean killedAfterOom;
        boolean stalled;
        double stalledAtMs;
        int enrichmentThreadsAtStall = -1;
        double cpuMs = -1;
        boolean inputLeftInInbox;
        String loadBefore = "";
        String loadAfter = "";

        AppRun(String label, int batchSize, int concurrency, boolean once) {
            this.label = label;
            this.batchSize = batchSize;
            this.concurrency = concurrency;
            this.once = once;
        }

        boolean ok() {
            return (!once || exitCode == 0) && !timedOut && !stalled && summary != Json.EMPTY
                    && summary.num("enriched") == summary.num("unique") && jsonlLines == (long) summary.num("unique");
        }

        double idsPerSecond() {
            return summary.num("unique") / (summary.num("durationMs") / 1000.0);
        }

        double wallIdsPerSecond() {
            return summary.num("unique") / (wallMs / 1000.0);
        }

        String describe() {
            if (stalled) {
                return String.format(Locale.ROOT, "STUCK: no output for %d s (declared at %.0f s; %d API calls made; %d enrichment threads alive%s), exit %d after SIGTERM",
                        STALL_S, stalledAtMs / 1000, (long) stats.num("apiCalls"), enrichmentThreadsAtStall,
                        lastFullGcS > 0 ? String.format(Locale.ROOT, "; last Full GC at %.0f s", lastFullGcS) : "", exitCode);
            }
            if (!ok()) {
                return String.format(Locale.ROOT, "FAILED exit %d%s after %.1f s, %s", exitCode, timedOut ? " (timeout)" : "",
                        wallMs / 1000, failure.isEmpty() ? "summary " + summary.raw : failure);
            }
            return String.format(Locale.ROOT, "%s IDs/s (%.1f s processing, %.1f s wall), %d API calls, %d token req., first call at %d ms, peak RSS %.0f MB, peak heap %.0f MB",
                    fmt1(idsPerSecond()), summary.num("durationMs") / 1000, wallMs / 1000, (long) stats.num("apiCalls"),
                    (long) stats.num("tokenRequests"), (long) (stats.num("firstApiCallEpochMs") - startEpochMs), peakRssMb, peakHeapMb);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("ok", ok());
            m.put("mode", once ? "--once" : "daemon, SIGTERM once the summary is in place");
            m.put("exitCode", exitCode);
            m.put("timedOut", timedOut);
            m.put("wallMs", round1(wallMs));
            m.put("idsPerSecond", ok() ? round1(idsPerSecond()) : null);
            m.put("inputLeftInInbox", inputLeftInInbox);
            m.put("loadAverageBefore", loadBefore);
            m.put("loadAverageAfter", loadAfter);
            if (oomAtMs > 0) {
                m.put("outOfMemoryErrorLoggedAtMs", round1(oomAtMs));
                m.put("killedAfterOomHang", killedAfterOom);
            }
            if (stalled) {
                m.put("stalled", "no output for " + STALL_S + " s; declared stuck at " + round1(stalledAtMs / 1000) + " s, then SIGTERM");
                m.put("enrichmentThreadsAliveAtStall", enrichmentThreadsAtStall);
                m.put("lastFullGcAtS", lastFullGcS);
            }
            m.put("cpuMsUntilSummary", cpuMs);
            if (cpuMs > 0 && stats.num("apiCalls") > 0) {
                m.put("cpuMsPerApiCallInclStartup", round3(cpuMs / stats.num("apiCalls")));
            }
            m.put("summary", summary.raw);
            m.put("emulator", stats.raw);
            m.put("jsonlLines", jsonlLines);
            m.put("peakRssMb", round1(peakRssMb));
            m.put("peakHeapMb", peakHeapMb);
            m.put("peakHeapAfterGcMb", peakHeapAfterGcMb);
            m.put("gcCount", gcCount);
            m.put("msToFirstApiCall", stats.num("firstApiCallEpochMs") > 0 ? (long) (stats.num("firstApiCallEpochMs") - startEpochMs) : null);
            if (!failure.isEmpty()) {
                m.put("failure", failure);
            }
            return m;
        }
    }

    /** What one run of the plain loop or the peer did. */
    static final class ToolRun {
        final String label;
        final int concurrency;
        double wallMs;
        int exitCode;
        Json result;
        Json stats = Json.EMPTY;
        String failure = "";

        ToolRun(String label, int concurrency) {
            this.label = label;
            this.concurrency = concurrency;
        }

        boolean ok() {
            return exitCode == 0 && result != null && failure.isEmpty();
        }

        double idsPerSecond() {
            return result.num("ids") / (result.num("durationMs") / 1000.0);
        }

        String describe() {
            if (!ok()) {
                return "FAILED exit " + exitCode + ": " + failure;
            }
            return String.format(Locale.ROOT, "%s IDs/s (%.1f s processing, %.1f s wall), %d API calls",
                    fmt1(idsPerSecond()), result.num("durationMs") / 1000, wallMs / 1000, (long) stats.num("apiCalls"));
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("ok", ok());
            m.put("exitCode", exitCode);
            m.put("wallMs", round1(wallMs));
            m.put("idsPerSecond", ok() ? round1(idsPerSecond()) : null);
            m.put("result", result == null ? null : result.raw);
            m.put("emulator", stats.raw);
            if (!failure.isEmpty()) {
                m.put("failure", failure);
            }
            return m;
        }
    }

    /** The emulator JVM and its stdin/stdout command channel. */
    static final class Emulator implements AutoCloseable {
        final Process process;
        final BufferedWriter in;
        final BufferedReader outLines;
        String baseUrl;
        String tokenUrl;
        String apiUrl;
        String clientId;
        String clientSecret;

        private Emulator(Process process) {
            this.process = process;
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.outLines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Emulator start(Path log) throws IOException {
            List<String> cmd = List.of(javaBin(), "-Xmx2g", "-cp",
                    CLASSES + SEP + APP_JAR + SEP + ROOT.resolve("target/lib") + "/*", "bench.EmulatorLauncher");
            Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectError(log.toFile()).start();
            Emulator e = new Emulator(p);
            String line;
            while ((line = e.outLines.readLine()) != null && !line.equals("ready")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    String value = line.substring(eq + 1);
                    switch (line.substring(0, eq)) {
                        case "base-url" -> e.baseUrl = value;
                        case "token-url" -> e.tokenUrl = value;
                        case "api-url" -> e.apiUrl = value;
                        case "client-id" -> e.clientId = value;
                        case "client-secret" -> e.clientSecret = value;
                        default -> { }
                    }
                }
            }
            if (e.apiUrl == null) {
                throw new IOException("the emulator did not start; see " + log);
            }
            System.out.println("emulator: " + e.baseUrl + " (own JVM, pid " + p.pid() + ")");
            return e;
        }

        /** Sends one command and returns its answer line (log lines on stdout are skipped). */
        synchronized String command(String command) throws IOException {
            in.write(command);
            in.write('\n');
            in.flush();
            String line;
            while ((line = outLines.readLine()) != null) {
                if (line.equals("ok") || line.startsWith("{") || line.startsWith("error")) {
                    if (line.startsWith("error")) {
                        throw new IOException("emulator: " + line);
                    }
                    return line;
                }
            }
            throw new IOException("the emulator stopped");
        }

        void latency(long ms) throws IOException {
            command("latency " + ms);
        }

        void lifetime(long s) throws IOException {
            command("lifetime " + s);
        }

        void reset() throws IOException {
            command("reset");
        }

        @Override
        public void close() throws Exception {
            try {
                command("quit");
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A flat JSON object's values (numbers and strings), enough for summary.json and the stats lines. */
    static final class Json {
        static final Json EMPTY = new Json("{}", Map.of());
        private static final Pattern FIELD = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9.eE+-]+|true|false|null)");
        final String raw;
        final Map<String, String> values;

        private Json(String raw, Map<String, String> values) {
            this.raw = raw;
            this.values = values;
        }

        static Json parse(String text) {
            Map<String, String> v = new LinkedHashMap<>();
            Matcher m = FIELD.matcher(text);
            while (m.find()) {
                v.put(m.group(1), m.group(2));
            }
            return new Json(text.strip(), v);
        }

        double num(String key) {
            String s = values.get(key);
            try {
                return s == null ? Double.NaN : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** Pretty JSON of maps, lists, numbers, strings and raw JSON objects ({@code Json.raw} strings starting with '{'). */
        static String write(Object o, int indent) {
            String pad = "  ".repeat(indent + 1);
            String end = "  ".repeat(indent);
            if (o == null) {
                return "null";
            }
            if (o instanceof Map<?, ?> map) {
                if (map.isEmpty()) {
                    return "{}";
                }
                StringBuilder b = new StringBuilder("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.append(pad).append(quote(e.getKey().toString())).append(": ").append(write(e.getValue(), indent + 1));
                    b.append(++i < map.size() ? ",\n" : "\n");
                }
                return b.append(end).append('}').toString();
            }
            if (o instanceof List<?> list) {
                if (list.isEmpty()) {
                    return "[]";
                }
                StringBuilder b = new StringBuilder("[\n");
                for (int i = 0; i < list.size(); i++) {
                    b.append(pad).append(write(list.get(i), indent + 1)).append(i + 1 < list.size() ? ",\n" : "\n");
                }
                return b.append(end).append(']').toString();
            }
            if (o instanceof Double d) {
                return d.isNaN() || d.isInfinite() ? "null" : (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
            }
            if (o instanceof Number || o instanceof Boolean) {
                return o.toString();
            }
            String s = o.toString();
            if (s.startsWith("{") && s.endsWith("}")) {
                return s; // a raw JSON object (summary.json, emulator stats)
            }
            return quote(s);
        }

        private static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            return b.append('"').toString();
        }
    }
}
