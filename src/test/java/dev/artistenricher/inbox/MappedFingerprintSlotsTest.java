package dev.artistenricher.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFingerprintSlotsTest {

    @TempDir
    Path dir;

    @Test
    void slotsSpreadOverSeveralMappingsKeepTheirOwnValues() throws IOException {
        MappedFingerprintSlots slots = MappedFingerprintSlots.create(dir, 64, 16);
        assertThat(slots.capacity()).isEqualTo(64);
        for (int i = 0; i < 64; i++) {
            assertThat(slots.low(i)).as("a new slot is empty").isZero();
            slots.put(i, -i - 1L, 1000L + i);
        }
        for (int i = 0; i < 64; i++) {
            assertThat(slots.high(i)).isEqualTo(-i - 1L);
            assertThat(slots.low(i)).isEqualTo(1000L + i);
        }
    }
}
