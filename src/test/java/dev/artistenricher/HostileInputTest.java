package dev.artistenricher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artistenricher.support.EmulatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input crafted to hurt: each line becomes a reject with a reason, the run goes on, and only valid IDs reach a URL. */
class HostileInputTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hostileLinesAreRejectedWithReasonsAndNeverReachTheApi() throws IOException {
        String valid = emulator.catalog().ids().get(0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<String> hostile = List.of(
                "../../etc/passwd",
                valid + "/../../me",
                valid + "?market=US",
                "%2e%2e%2f",
                valid + "X",                       // 23 characters
                "4Z8W4fKeB5Y\u0007busRsdQVPb",     // a control character
                "spotify:artist:" + valid + "/../x",
                "https://open.spotify.com/artist/" + valid + "/../../v1/me");
        for (String line : hostile) {
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        file.write("4Z8W4fKeB5Yx\u0000usRsdQVPb\n".getBytes(StandardCharsets.UTF_8)); // NUL (past the sniffed head? no: see below)
        file.write(new byte[] {'4', 'Z', (byte) 0xC3, (byte) 0x28, '\n'});           // invalid UTF-8
        file.write(("x".repeat(10 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8)); // a 10 MB line
        file.write((valid + "\n").getBytes(StandardCharsets.UTF_8));
        // the NUL byte sits in the first 8 KiB, which would make the whole file binary: pad it away
        byte[] padding = ("#" + " ".repeat(9000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = file.toByteArray();
        int nul = indexOf(body, (byte) 0);
        ByteArrayOutputStream padded = new ByteArrayOutputStream();
        padded.write(body, 0, lineStart(body, nul));
        padded.write(padding);
        padded.write(body, lineStart(body, nul), body.length - lineStart(body, nul));
        Files.write(app.inbox.resolve("hostile.txt"), padded.toByteArray());
        Files.write(app.inbox.resolve("empty.txt"), new byte[0]);

        assertThat(app.runOnce()).isZero();

        assertThat(app.lines("hostile.jsonl")).hasSize(1);
        List<String> reasons = app.lines("hostile.rejects.jsonl").stream().map(HostileInputTest::reasonOf).toList();
        assertThat(reasons).hasSize(hostile.size() + 3).allMatch(r -> r.equals("invalid_id"));
        assertThat(app.lines("hostile.rejects.jsonl")).allSatisfy(line -> assertThat(line.length()).isLessThan(2000));
        assertThat(emulator.stats().idsRequested()).isEqualTo(1);
        assertThat(emulator.stats().callsWithStatus(400)).isZero();
        assertThat(emulator.stats().callsWithStatus(404)).isZero();

        JsonNode empty = JSON.readTree(app.out("empty.summary.json").toFile());
        assertThat(empty.path("lines").asInt()).isZero();
        assertThat(app.lines("empty.jsonl")).isEmpty();
        assertThat(app.inbox.resolve(".done/empty.txt")).exists();
    }

    private static String reasonOf(String line) {
        try {
            return JSON.readTree(line).path("reason").asText();
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lineStart(byte[] bytes, int index) {
        int i = index;
        while (i > 0 && bytes[i - 1] != '\n') {
            i--;
        }
        return i;
    }
}
