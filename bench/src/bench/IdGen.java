package bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Generates input files of well-formed Spotify artist IDs (22 characters of [0-9A-Za-z]), one per line.
 *
 * <p>ID number {@code k} is a 64-bit bijection of {@code k} (so IDs never collide) written as 11
 * base-62 digits, after 11 more digits derived from another hash of {@code k}. With a duplicate
 * share {@code d}, every line whose number is a multiple of {@code round(1/d)} repeats an
 * earlier ID (picked pseudo-randomly among those already written) instead of a new one, so
 * the file holds {@code lines - lines/round(1/d)} distinct IDs. Deterministic: the same
 * arguments give the same file.
 *
 * <p>Usage: {@code IdGen <file> <lines> [duplicateShare]}
 */
public final class IdGen {

    private static final char[] DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    public static void main(String[] args) throws IOException {
        long lines = Long.parseLong(args[1]);
        double dup = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        long unique = write(Path.of(args[0]), lines, dup);
        System.out.println(args[0] + ": " + lines + " lines, " + unique + " distinct IDs");
    }

    /** Distinct IDs in a file of {@code lines} lines with duplicate share {@code dup}. */
    public static long uniqueCount(long lines, double dup) {
        if (dup <= 0) {
            return lines;
        }
        long every = Math.round(1 / dup);
        return lines - lines / every; // lines numbered 1..n; multiples of `every` are duplicates
    }

    /** Writes the file (via a temporary name) and returns its number of distinct IDs. */
    public static long write(Path file, long lines, double dup) throws IOException {
        long every = dup <= 0 ? Long.MAX_VALUE : Math.round(1 / dup);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        long unique = 0;
        char[] id = new char[23];
        id[22] = '\n';
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            for (long line = 1; line <= lines; line++) {
                long k;
                if (line % every == 0 && unique > 0) {
                    k = Long.remainderUnsigned(mix(line ^ 0x5DEECE66DL), unique);
                } else {
                    k = unique++;
                }
                idOf(k, id);
                out.write(id);
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return unique;
    }

    /** The ID number {@code k}, as 22 characters into {@code out}. */
    static void idOf(long k, char[] out) {
        long a = mix(k + 0x632BE59BD9B4E019L);      // any value: only decoration
        long b = mix(k ^ 0x2545F4914F6CDD1DL);     // bijective in k: makes IDs distinct
        for (int i = 10; i >= 0; i--) {
            out[i] = DIGITS[(int) Long.remainderUnsigned(a, 62)];
            a = Long.divideUnsigned(a, 62);
        }
        for (int i = 21; i >= 11; i--) {           // 62^11 > 2^64: 11 digits hold any 64-bit value
            out[i] = DIGITS[(int) Long.remainderUnsigned(b, 62)];
            b = Long.divideUnsigned(b, 62);
        }
    }

    /** splitmix64's finalizer: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
