package io.enginebench.loadgen.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseDecoderTest {

    private static List<String> decode(byte[]... pieces) {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add);
        for (byte[] piece : pieces) {
            decoder.feed(piece, 0, piece.length);
        }
        decoder.end();
        return events;
    }

    private static List<String> decode(String s) {
        return decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void allThreeLineEndingsGiveTheSameEvents() {
        List<String> lf = decode("data: a\n\ndata: b\n\n");
        assertThat(lf).containsExactly("a", "b");
        assertThat(decode("data: a\r\n\r\ndata: b\r\n\r\n")).isEqualTo(lf);
        assertThat(decode("data: a\r\rdata: b\r\r")).isEqualTo(lf);
        assertThat(decode("data: a\r\n\ndata: b\n\r\n")).isEqualTo(lf);
    }

    @Test
    void crLfPairSplitAcrossReadsIsOneLineEnd() {
        byte[] all = "data: x\r\n\r\ndata: y\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= all.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(all, cut, all.length);
            assertThat(decode(a, b)).as("cut at %d", cut).containsExactly("x", "y");
        }
    }

    @Test
    void commentsAndOtherFieldsAreIgnored() {
        assertThat(decode(": keep-alive\n\nevent: message\nid: 7\nretry: 100\ndata: payload\n\n: ping\n\n"))
                .containsExactly("payload");
    }

    @Test
    void multiLineDataIsJoinedWithNewline() {
        assertThat(decode("data: first\ndata: second\ndata:third\n\n")).containsExactly("first\nsecond\nthird");
    }

    @Test
    void onlyOneLeadingSpaceIsStrippedAndBareDataFieldIsEmptyLine() {
        assertThat(decode("data:  two spaces\n\n")).containsExactly(" two spaces");
        assertThat(decode("data\ndata: x\n\n")).containsExactly("\nx");
    }

    @Test
    void multibyteCharacterSplitAtEveryByteSurvives() {
        String text = "data: {\"text\":\"h\u00e9llo \u20ac \uD83D\uDE00 \u4e2d\"}\n\n";
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= all.length; cut++) {
            byte[] a = java.util.Arrays.copyOfRange(all, 0, cut);
            byte[] b = java.util.Arrays.copyOfRange(all, cut, all.length);
            assertThat(decode(a, b)).as("cut at %d", cut).containsExactly("{\"text\":\"h\u00e9llo \u20ac \uD83D\uDE00 \u4e2d\"}");
        }
    }

    @Test
    void byteByByteFeedingEqualsWholeFeeding() {
        String s = "data: one\r\n\r\n: c\ndata: two\ndata: 2b\n\ndata: [DONE]\n\n";
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        byte[][] single = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            single[i] = new byte[]{all[i]};
        }
        assertThat(decode(single)).isEqualTo(decode(all)).containsExactly("one", "two\n2b", "[DONE]");
    }

    @Test
    void eventWithoutClosingBlankLineIsDeliveredAtEnd() {
        assertThat(decode("data: a\n\ndata: tail")).containsExactly("a", "tail");
    }

    @Test
    void blankLinesWithoutDataDispatchNothing() {
        assertThat(decode("\n\n\r\n: only comment\n\n")).isEmpty();
    }

    @Test
    void leadingByteOrderMarkIsSkipped() {
        assertThat(decode("\uFEFFdata: x\n\n")).containsExactly("x");
    }

    @Test
    void directBuffersSplitAnywhereGiveTheSameEventsAsOneHeapRead() {
        String body = "data: {\"choices\":[{\"text\":\" 世界\"}]}\r\n\r\n: ping\n\ndata: a\ndata: b\n\ndata: [DONE]\n\n";
        byte[] all = body.getBytes(StandardCharsets.UTF_8);
        List<String> whole = decode(all);
        assertThat(whole).containsExactly("{\"choices\":[{\"text\":\" 世界\"}]}", "a\nb", "[DONE]");
        for (int size = 1; size <= all.length; size++) {
            List<String> events = new ArrayList<>();
            SseDecoder decoder = new SseDecoder(events::add);
            for (int from = 0; from < all.length; from += size) {
                ByteBuf direct = Unpooled.directBuffer(size);
                direct.writeBytes(all, from, Math.min(size, all.length - from));
                decoder.feed(direct);
                direct.release();
            }
            decoder.end();
            assertThat(events).as("reads of %d bytes", size).isEqualTo(whole);
        }
    }

    @Test
    void eventOverTheBoundFailsEvenWhenItArrivesInOneRead() {
        List<String> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add, 16);
        byte[] ok = "data: 0123456789\n\n".getBytes(StandardCharsets.UTF_8);   // 16 bytes of line: at the bound
        decoder.feed(ok, 0, ok.length);
        assertThat(events).containsExactly("0123456789");
        byte[] big = "data: 0123456789A\n\n".getBytes(StandardCharsets.UTF_8); // 17: one past it
        assertThatThrownBy(() -> decoder.feed(big, 0, big.length)).isInstanceOf(SseDecoder.EventTooLargeException.class);
    }
}
