package dev.providers.conformance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OllamaPullTest {

    @Test
    void lastMessageIsOllamasErrorLineWithoutEscapes() {
        String stderr = "\u001B[?2026h\u001B[?25l\u001B[1Gpulling manifest \u001B[K\u001B[?25h"
                + "\u001B[?2026l\r\u001B[?2026h\u001B[?25l\u001B[1Gpulling manifest \u001B[K\n"
                + "Error: pull model manifest: file does not exist\n\n";

        assertEquals("Error: pull model manifest: file does not exist",
                OllamaPull.lastMessage(stderr + "\n"));
    }

    @Test
    void silentFailureSaysSo() {
        assertEquals("(no output)", OllamaPull.lastMessage("\n \r\n"));
    }

    @Test
    void longLinesAreCut() {
        String message = OllamaPull.lastMessage("x".repeat(1000));

        assertEquals(301, message.length());
    }
}
