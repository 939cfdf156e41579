package dev.artistenricher.outbox;

import java.nio.file.Path;

/** The names of the outputs of one input file; an input name can never place an output outside the outbox. */
public record OutboxPaths(Path artists, Path rejects, Path summary, Path error, Path matches) {

    public static OutboxPaths of(Path outbox, String inputFileName) {
        String name = Path.of(inputFileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path root = outbox.toAbsolutePath().normalize();
        OutboxPaths paths = new OutboxPaths(root.resolve(base + ".jsonl"), root.resolve(base + ".rejects.jsonl"),
                root.resolve(base + ".summary.json"), root.resolve(base + ".error.json"),
                root.resolve(base + ".matches.jsonl"));
        if (!paths.artists().normalize().getParent().equals(root)) {
            throw new IllegalArgumentException("input name would leave the outbox: " + inputFileName);
        }
        return paths;
    }
}
