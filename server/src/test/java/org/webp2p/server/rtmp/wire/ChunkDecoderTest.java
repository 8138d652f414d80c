package org.webp2p.server.rtmp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {
    private static final int LIMIT = 1 << 20;

    private final ChunkDecoder decoder = new ChunkDecoder(LIMIT);
    private final List<RtmpMessage> messages = new ArrayList<>();
    private final ByteBuf in = Unpooled.buffer();

    @AfterEach
    void release() {
        in.release();
    }

    private List<RtmpMessage> decode(byte[]... parts) throws RtmpProtocolException {
        for (byte[] part : parts) {
            in.writeBytes(part);
            decoder.decode(in, messages::add);
        }
        in.discardReadBytes();
        return messages;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void theSpecificationsFirstExampleGivesFourAudioMessagesTwentyMillisecondsApart() throws Exception {
        // §5.3.2.1: chunk stream 3, message stream 12345, audio of 32 bytes; type 0, type 2, then two type 3.
        byte[] data = concat(
                bytes(0x03, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x20, 0x08, 0x39, 0x30, 0x00, 0x00), filled(32, 1),
                bytes(0x83, 0x00, 0x00, 0x14), filled(32, 2),
                bytes(0xc3), filled(32, 3),
                bytes(0xc3), filled(32, 4));

        List<RtmpMessage> out = decode(data);

        assertThat(out).extracting(RtmpMessage::timestamp).containsExactly(1000L, 1020L, 1040L, 1060L);
        assertThat(out).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(RtmpMessage.AUDIO);
            assertThat(m.streamId()).isEqualTo(12345);
            assertThat(m.payload()).hasSize(32);
        });
        assertThat(out.get(3).payload()).containsOnly(4);
    }

    @Test
    void theSpecificationsSecondExampleJoinsAVideoMessageFromThreeChunks() throws Exception {
        // §5.3.2.2: 307 bytes in chunks of 128, 128 and 51 on chunk stream 4.
        byte[] data = concat(
                bytes(0x04, 0x00, 0x03, 0xe8, 0x00, 0x01, 0x33, 0x09, 0x3a, 0x30, 0x00, 0x00), filled(128, 9),
                bytes(0xc4), filled(128, 9),
                bytes(0xc4), filled(51, 9));

        List<RtmpMessage> out = decode(data);

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(RtmpMessage.VIDEO);
            assertThat(m.timestamp()).isEqualTo(1000);
            assertThat(m.streamId()).isEqualTo(12346);
            assertThat(m.payload()).hasSize(307).containsOnly(9);
        });
    }

    @Test
    void aTypeOneChunkChangesLengthAndTypeAndAddsItsDelta() throws Exception {
        byte[] data = concat(
                bytes(0x05, 0x00, 0x00, 0x64, 0x00, 0x00, 0x02, 0x08, 0x01, 0x00, 0x00, 0x00), bytes(1, 2),
                bytes(0x45, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x03, 0x09), bytes(3, 4, 5));

        List<RtmpMessage> out = decode(data);

        assertThat(out).extracting(RtmpMessage::type).containsExactly(RtmpMessage.AUDIO, RtmpMessage.VIDEO);
        assertThat(out).extracting(RtmpMessage::timestamp).containsExactly(100L, 110L);
        assertThat(out.get(1).streamId()).as("type 1 keeps the message stream").isEqualTo(1);
        assertThat(out.get(1).payload()).containsExactly(3, 4, 5);
    }

    @Test
    void aTypeThreeChunkAfterATypeZeroAddsTheTypeZeroTimestampAgainAsFfmpegWritesIt() throws Exception {
        byte[] data = concat(
                bytes(0x06, 0x00, 0x00, 0x28, 0x00, 0x00, 0x01, 0x08, 0x01, 0x00, 0x00, 0x00), bytes(1),
                bytes(0xc6), bytes(2));

        assertThat(decode(data)).extracting(RtmpMessage::timestamp).containsExactly(40L, 80L);
    }

    @Test
    void extendedTimestampsAreReadAfterEveryHeaderIncludingTheTypeThreeContinuations() throws Exception {
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuf wire = Unpooled.buffer();
        long late = 0x1_2345_678L; // 4.9 hours in: past what three bytes hold
        byte[] payload = new byte[300];
        new Random(1).nextBytes(payload);
        encoder.encode(7, new RtmpMessage(RtmpMessage.VIDEO, late, 1, payload), wire);
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes).release();

        assertThat(bytes.length).as("12 + 4, then 1 + 4 twice, and the payload").isEqualTo(16 + 2 * 5 + 300);
        assertThat(decode(bytes)).singleElement().satisfies(m -> {
            assertThat(m.timestamp()).isEqualTo(late);
            assertThat(m.payload()).isEqualTo(payload);
        });
    }

    @Test
    void twoAndThreeByteChunkStreamIdsRoundTrip() throws Exception {
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuf wire = Unpooled.buffer();
        for (int csid : new int[] {63, 64, 319, 320, 65599}) {
            encoder.encode(csid, new RtmpMessage(RtmpMessage.DATA_AMF0, csid, 1, bytes(csid & 0xff)), wire);
        }
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes).release();

        assertThat(decode(bytes)).extracting(RtmpMessage::timestamp).containsExactly(63L, 64L, 319L, 320L, 65599L);
    }

    @Test
    void bytesArrivingOneAtATimeGiveTheSameMessagesAsOneBlock() throws Exception {
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuf wire = Unpooled.buffer();
        Random random = new Random(2);
        List<RtmpMessage> sent = new ArrayList<>();
        encoder.encode(2, ControlCodec.encode(new ControlMessage.SetChunkSize(1000)), wire);
        for (int i = 0; i < 20; i++) {
            byte[] payload = new byte[random.nextInt(3000)];
            random.nextBytes(payload);
            RtmpMessage m = new RtmpMessage(i % 2 == 0 ? RtmpMessage.AUDIO : RtmpMessage.VIDEO, 40L * i + 0xfffff0L, 1, payload);
            sent.add(m);
            encoder.encode(4 + i % 2, m, wire);
        }
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes).release();
        for (byte b : bytes) {
            decode(new byte[] {b});
        }

        assertThat(decoder.chunkSize()).isEqualTo(1000);
        assertThat(messages).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(messages.get(i).timestamp()).isEqualTo(sent.get(i).timestamp());
            assertThat(messages.get(i).payload()).isEqualTo(sent.get(i).payload());
        }
    }

    @Test
    void setChunkSizeAppliesFromTheNextChunkAndIsNotPassedOn() throws Exception {
        byte[] data = concat(
                bytes(0x02, 0, 0, 0, 0, 0, 4, 0x01, 0, 0, 0, 0), bytes(0, 0, 0x01, 0x2c), // 300
                bytes(0x04, 0, 0, 0, 0, 0x01, 0x2c, 0x09, 1, 0, 0, 0), filled(300, 7));

        assertThat(decode(data)).singleElement().satisfies(m -> assertThat(m.payload()).hasSize(300));
        assertThat(decoder.chunkSize()).isEqualTo(300);
    }

    @Test
    void abortDropsTheUnfinishedMessageOfItsChunkStream() throws Exception {
        byte[] data = concat(
                bytes(0x04, 0, 0, 0, 0, 0x01, 0x00, 0x09, 1, 0, 0, 0), filled(128, 1), // 128 of 256 bytes
                bytes(0x02, 0, 0, 0, 0, 0, 4, 0x02, 0, 0, 0, 0), bytes(0, 0, 0, 4), // Abort chunk stream 4
                bytes(0x04, 0, 0, 5, 0, 0, 2, 0x09, 1, 0, 0, 0), bytes(8, 9)); // a new message there

        assertThat(decode(data)).singleElement().satisfies(m -> {
            assertThat(m.timestamp()).isEqualTo(5);
            assertThat(m.payload()).containsExactly(8, 9);
        });
    }

    @Test
    void anEmptyMessageIsHandedOverAtItsHeader() throws Exception {
        assertThat(decode(bytes(0x04, 0, 0, 1, 0, 0, 0, 0x08, 1, 0, 0, 0))).singleElement()
                .satisfies(m -> assertThat(m.payload()).isEmpty());
    }

    @Test
    void aHeaderCutShortWaitsForTheRestWithoutConsumingIt() throws Exception {
        byte[] header = bytes(0x44, 0, 0, 0, 0, 0, 1);

        decode(bytes(0x04, 0, 0, 0, 0, 0, 1, 0x08, 1, 0, 0, 0, 42));
        in.writeBytes(header);
        decoder.decode(in, messages::add);

        assertThat(in.readableBytes()).isEqualTo(header.length);
        decode(bytes(0x08, 43));
        assertThat(messages).extracting(m -> m.payload()[0]).containsExactly((byte) 42, (byte) 43);
    }

    @Test
    void setChunkSizeOfZeroOrAbove16MiBClosesTheConnection() {
        for (long size : new long[] {0, (1 << 24) + 1, 0x8000_0000L}) {
            ChunkDecoder fresh = new ChunkDecoder(LIMIT);
            ByteBuf buf = Unpooled.wrappedBuffer(concat(bytes(0x02, 0, 0, 0, 0, 0, 4, 0x01, 0, 0, 0, 0),
                    bytes((int) (size >>> 24), (int) (size >>> 16), (int) (size >>> 8), (int) size)));
            assertThatThrownBy(() -> fresh.decode(buf, messages::add)).isInstanceOf(RtmpProtocolException.class)
                    .hasMessageContaining("Set Chunk Size " + size)
                    .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.BAD_CHUNK_SIZE);
            buf.release();
        }
    }

    @Test
    void aMessageLongerThanTheLimitIsRefusedAtItsHeaderBeforeAnyOfItIsHeld() {
        byte[] header = bytes(0x04, 0, 0, 0, 0x10, 0x00, 0x01, 0x09, 1, 0, 0, 0); // 1 MiB + 1

        assertThatThrownBy(() -> decode(header)).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("1048577 bytes")
                .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.MESSAGE_TOO_LONG);
    }

    @Test
    void unfinishedMessagesOnManyChunkStreamsAreHeldToTwiceTheLimit() throws Exception {
        byte[] big = bytes(0, 0, 0, 0x10, 0x00, 0x00, 0x09, 1, 0, 0, 0); // 1 MiB each, one chunk of it sent
        decode(concat(bytes(0x04), big, filled(128, 1)), concat(bytes(0x05), big, filled(128, 1)));

        assertThatThrownBy(() -> decode(concat(bytes(0x06), big))).isInstanceOf(RtmpProtocolException.class)
                .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.MESSAGE_TOO_LONG);
    }

    @Test
    void aChunkOnAChunkStreamNoTypeZeroChunkOpenedIsRefused() {
        for (int first : new int[] {0x47, 0x87, 0xc7}) {
            ChunkDecoder fresh = new ChunkDecoder(LIMIT);
            ByteBuf buf = Unpooled.wrappedBuffer(concat(bytes(first), new byte[11]));
            assertThatThrownBy(() -> fresh.decode(buf, messages::add)).isInstanceOf(RtmpProtocolException.class)
                    .hasMessageContaining("chunk stream 7, which no type-0 chunk opened")
                    .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.UNKNOWN_CHUNK_STREAM);
            buf.release();
        }
    }

    @Test
    void moreChunkStreamsThanAnEncoderUsesAreRefused() {
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuf wire = Unpooled.buffer();
        for (int csid = 3; csid <= 3 + RtmpParams.MAX_OPEN_CHUNK_STREAMS; csid++) {
            encoder.encode(csid, new RtmpMessage(RtmpMessage.AUDIO, 0, 1, new byte[0]), wire);
        }
        byte[] bytes = new byte[wire.readableBytes()];
        wire.readBytes(bytes).release();

        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("more than 64 chunk streams")
                .extracting(e -> ((RtmpProtocolException) e).violation()).isEqualTo(Violation.TOO_MANY_CHUNK_STREAMS);
        assertThat(messages).hasSize(RtmpParams.MAX_OPEN_CHUNK_STREAMS);
    }

    @Test
    void aNewHeaderInTheMiddleOfAMessageIsRefused() throws Exception {
        decode(concat(bytes(0x04, 0, 0, 0, 0, 0x01, 0x00, 0x09, 1, 0, 0, 0), filled(128, 1)));

        assertThatThrownBy(() -> decode(bytes(0x84, 0, 0, 1))).isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("before its message of 256 bytes was complete (128 came)");
    }
}
