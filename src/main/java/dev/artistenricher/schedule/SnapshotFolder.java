package dev.artistenricher.schedule;

import dev.artistenricher.outbox.OutboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshots of one watch list: {@code <outbox>/snapshots/<list>/<UTC yyyyMMdd'T'HHmmss'Z'>.jsonl},
 * each with its {@code .rejects.jsonl}, {@code .summary.json}, {@code .matches.jsonl} and
 * {@code .changes.jsonl} beside it. The stamp sorts as it reads, so the newest is the last by name.
 */
final class SnapshotFolder {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SNAPSHOT = Pattern.compile("\\d{8}T\\d{6}Z\\.jsonl");

    private final Path folder;

    SnapshotFolder(Path snapshots, String list) {
        this.folder = snapshots.resolve(list);
    }

    Path folder() {
        return folder;
    }

    static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** The outputs of the snapshot taken at {@code stamp}, as the file job writes them. */
    OutboxPaths paths(String stamp) throws IOException {
        Files.createDirectories(folder);
        return OutboxPaths.of(folder, stamp + ".jsonl");
    }

    Path changes(String stamp) {
        return folder.resolve(stamp + ".changes.jsonl");
    }

    /** The newest snapshot older than {@code stamp}, if any. */
    Optional<Path> before(String stamp) throws IOException {
        String current = stamp + ".jsonl";
        return snapshots().stream().filter(name -> name.compareTo(current) < 0).reduce((a, b) -> b).map(folder::resolve);
    }

    /** Deletes every file of the snapshots older than the newest {@code keep}. */
    List<String> keepNewest(int keep) throws IOException {
        List<String> all = snapshots();
        List<String> dropped = new ArrayList<>();
        for (String name : all.subList(0, Math.max(0, all.size() - keep))) {
            String stamp = name.substring(0, name.length() - ".jsonl".length());
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(stamp + ".")).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            dropped.add(stamp);
        }
        return dropped;
    }

    /** The names of the snapshot files, oldest first. */
    private List<String> snapshots() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> SNAPSHOT.matcher(n).matches()).sorted().toList();
        }
    }
}
