package dev.artistenricher.inbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Slots in a memory-mapped temporary file, so that the table of a very large input lives in the
 * operating system's page cache instead of the Java heap. ({@code ByteBuffer.allocateDirect} would
 * not do: direct memory is capped at {@code -Xmx} by default.)
 *
 * <p>The file is deleted as soon as it is mapped: the mapping stays valid, so nothing is left behind
 * even after {@code kill -9}, and the disk space comes back when the mapping is garbage-collected.
 * Where an open file cannot be deleted (Windows) it is deleted when the JVM exits instead.
 *
 * <p>Slot {@code i} is 16 bytes at {@code 16 * i}, both halves on the same page. One mapping holds
 * at most 2 GB, so the slots are cut into segments of at most 2^26 slots (1 GiB) each.
 */
final class MappedFingerprintSlots implements FingerprintSlots {

    static final int MAX_SEGMENT_SLOTS = 1 << 26;

    /** Zeros written per call while reserving the file's disk space. */
    private static final int ZERO_CHUNK = 1 << 20;

    private final ByteBuffer[] segments;
    private final int segmentShift;
    private final int segmentMask;
    private final int capacity;

    private MappedFingerprintSlots(ByteBuffer[] segments, int segmentSlots, int capacity) {
        this.segments = segments;
        this.segmentShift = Integer.numberOfTrailingZeros(segmentSlots);
        this.segmentMask = segmentSlots - 1;
        this.capacity = capacity;
    }

    /** Empty slots in a new file in {@code directory} (created if missing). */
    static MappedFingerprintSlots create(Path directory, int capacity) throws IOException {
        return create(directory, capacity, MAX_SEGMENT_SLOTS);
    }

    /**
     * @param capacity     a power of two
     * @param segmentSlots slots per mapping, a power of two; below the default only to test segments
     */
    static MappedFingerprintSlots create(Path directory, int capacity, int segmentSlots) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "distinct-ids-", ".slots");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int perSegment = Math.min(capacity, segmentSlots);
            long segmentBytes = (long) perSegment * SLOT_BYTES;
            ByteBuffer[] segments = new ByteBuffer[capacity / perSegment];
            reserve(channel, segmentBytes * segments.length);
            for (int s = 0; s < segments.length; s++) {
                segments[s] = channel.map(FileChannel.MapMode.READ_WRITE, s * segmentBytes, segmentBytes)
                        .order(ByteOrder.nativeOrder());
            }
            return new MappedFingerprintSlots(segments, perSegment, capacity);
        } finally {
            deleteNow(file);
        }
    }

    /**
     * Writes the file's zeros up front. Mapping alone would leave a sparse file whose blocks are
     * allocated on first write through the mapping; on a full disk that write faults and surfaces as
     * an asynchronous {@link InternalError} anywhere in the reading thread. Written here, a full disk
     * is an ordinary {@link IOException} at the moment the table grows.
     */
    private static void reserve(FileChannel channel, long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK);
        long position = 0;
        while (position < bytes) {
            zeros.clear().limit((int) Math.min(ZERO_CHUNK, bytes - position));
            position += channel.write(zeros, position);
        }
    }

    private static void deleteNow(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public long high(int slot) {
        return segments[slot >>> segmentShift].getLong(offset(slot));
    }

    @Override
    public long low(int slot) {
        return segments[slot >>> segmentShift].getLong(offset(slot) + 8);
    }

    @Override
    public void put(int slot, long high, long low) {
        ByteBuffer segment = segments[slot >>> segmentShift];
        int offset = offset(slot);
        segment.putLong(offset, high);
        segment.putLong(offset + 8, low);
    }

    private int offset(int slot) {
        return (slot & segmentMask) * SLOT_BYTES;
    }
}
