package dev.artistenricher.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a queue message body becomes candidates, and how their numbers map back to positions. */
class MessageRecordsTest {

    @Test
    void linesAreNumberedFromOneAndAFinalNewlineAddsNoLine() {
        assertThat(MessageRecords.parse("a\r\n\nb\n")).containsExactly(
                InputRecord.of(1, "a\r"), InputRecord.of(2, ""), InputRecord.of(3, "b"));
    }

    @Test
    void aJsonArrayIsNumberedByPosition() {
        assertThat(MessageRecords.parse("\uFEFF [\"x\",\n {\"id\":\"y\"}, 3]")).extracting(InputRecord::line, InputRecord::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "x"), org.assertj.core.groups.Tuple.tuple(2L, "y"),
                        org.assertj.core.groups.Tuple.tuple(3L, "3"));
    }

    @Test
    void brokenJsonIsOneUnreadableRecordNotAFailure() {
        List<InputRecord> records = MessageRecords.parse("[\"x\", ");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).problem()).startsWith("not valid JSON");
    }

    @Test
    void recordsOfSeveralMessagesMapBackToTheirMessageAndPosition() {
        MessageRecords records = new MessageRecords(List.of("a\nb", "[\"c\"]", "d"));
        assertThat(records.next().line()).isEqualTo(1);
        assertThat(records.origin(2)).isEqualTo(new MessageRecords.Origin(0, 2));
        assertThat(records.origin(3)).isEqualTo(new MessageRecords.Origin(1, 1));
        assertThat(records.origin(4)).isEqualTo(new MessageRecords.Origin(2, 1));
    }
}
