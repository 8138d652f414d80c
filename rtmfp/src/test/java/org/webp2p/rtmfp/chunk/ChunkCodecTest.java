package org.webp2p.rtmfp.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.MalformedInputException;
import org.webp2p.rtmfp.wire.WireOption;
import org.webp2p.rtmfp.wire.WireReader;
import org.webp2p.rtmfp.wire.WireWriter;

class ChunkCodecTest {
    private static final PeerAddress LOOPBACK_1927 =
            new PeerAddress(new InetSocketAddress("127.0.0.1", 1927), AddressOrigin.OBSERVED);

    private static String encode(Chunk chunk) {
        WireWriter out = new WireWriter();
        ChunkCodec.write(chunk, out);
        return Bytes.of(out.toByteArray()).toHex();
    }

    private static Chunk decode(String hex) {
        WireReader in = new WireReader(Bytes.fromHex(hex).toByteArray());
        int type = in.readU8();
        return ChunkCodec.read(type, in.slice(in.readU16()));
    }

    private static void assertVector(Chunk chunk, String hex) {
        assertThat(encode(chunk)).isEqualTo(hex.replace(" ", ""));
        assertThat(decode(hex)).isEqualTo(chunk);
    }

    @Test
    void ihelloIsEpdWithVluLengthThenTag() {
        // EPD = option(len 3, type 0x0a ancillary data, "ab"); tag = 01 02
        assertVector(new IHello(Bytes.fromHex("030a6162"), Bytes.fromHex("0102")), "30 0007 04 030a6162 0102");
    }

    @Test
    void forwardedIhelloCarriesReplyAddress() {
        assertVector(new ForwardedIHello(Bytes.fromHex("030a6162"), LOOPBACK_1927, Bytes.fromHex("0102")),
                "0f 000e 04 030a6162 02 7f000001 0787 0102");
    }

    @Test
    void rhelloIsTagCookieAndCertificate() {
        assertVector(new RHello(Bytes.fromHex("0102"), Bytes.fromHex("aabbcc"), Bytes.fromHex("010a")),
                "70 0009 02 0102 03 aabbcc 010a");
    }

    @Test
    void redirectListsAddresses() {
        assertVector(new Redirect(Bytes.fromHex("0102"), List.of(LOOPBACK_1927)), "71 000a 02 0102 02 7f000001 0787");
    }

    @Test
    void cookieChangeIsOldThenNew() {
        assertVector(new RHelloCookieChange(Bytes.fromHex("aa"), Bytes.fromHex("bbcc")), "79 0004 01 aa bbcc");
    }

    @Test
    void iikeyingStartsWithThe32BitSessionId() {
        assertVector(new IIKeying(0x01020304L, Bytes.fromHex("aa"), Bytes.fromHex("bb"), Bytes.fromHex("cc"),
                Bytes.fromHex("58")), "38 000b 01020304 01 aa 01 bb 01 cc 58");
    }

    @Test
    void rikeyingStartsWithThe32BitSessionId() {
        assertVector(new RIKeying(0xfffffffeL, Bytes.fromHex("cc"), Bytes.fromHex("58")), "78 0007 fffffffe 01 cc 58");
    }

    @Test
    void pingAndReplyCarryOpaqueMessages() {
        assertVector(new Ping(Bytes.fromHex("61")), "01 0001 61");
        assertVector(new PingReply(Bytes.fromHex("61")), "41 0001 61");
    }

    @Test
    void userDataWithoutOptions() {
        assertVector(new UserData(2, 1, 1, Fragment.WHOLE, false, false, List.of(), Bytes.fromHex("6869")),
                "10 0006 00 02 01 01 6869");
    }

    @Test
    void userDataWithMetadataOptionSetsOptFlagAndEndsListWithMarker() {
        UserData chunk = new UserData(3, 5, 2, Fragment.BEGIN, false, false,
                List.of(new WireOption(0, "TC".getBytes())), Bytes.fromHex("78"));
        assertVector(chunk, "10 000a 90 03 05 02 03005443 00 78");
    }

    @Test
    void nextUserDataFollowsPreviousChunk() {
        NextUserData next = new NextUserData(Fragment.END, false, true, List.of(), Bytes.fromHex("7a"));
        assertVector(next, "11 0002 21 7a");
        UserData previous = new UserData(3, 5, 2, Fragment.BEGIN, false, false, List.of(), Bytes.EMPTY);
        assertThat(next.following(previous).sequenceNumber()).isEqualTo(6);
        assertThat(next.following(previous).forwardSequenceNumber()).isEqualTo(3);
    }

    @Test
    void ackBitmapBitsStartAtCumulativeAckPlusTwo() {
        DataAckBitmap ack = new DataAckBitmap(1, 2, 5, Bytes.fromHex("05"));
        assertVector(ack, "50 0004 01 02 05 05");
        assertThat(ack.receivedAbove()).containsExactly(new SequenceRange(7, 7), new SequenceRange(9, 9));
    }

    @Test
    void ackRangesEncodeHolesAndRunsMinusOne() {
        DataAckRanges ack = new DataAckRanges(1, 0x10, 5, List.of(new SequenceRange(8, 9), new SequenceRange(12, 12)));
        assertVector(ack, "51 0007 01 10 05 01 01 01 00");
    }

    @Test
    void probeExceptionAndCloseChunks() {
        assertVector(new BufferProbe(3), "18 0001 03");
        assertVector(new FlowExceptionReport(3, 0x81), "5e 0003 03 8101");
        assertVector(new SessionCloseRequest(), "0c 0000");
        assertVector(new SessionCloseAck(), "4c 0000");
    }

    @Test
    void keepsUnknownChunkTypesOpaque() {
        assertVector(new UnknownChunk(0x22, Bytes.fromHex("abcd")), "22 0002 abcd");
    }

    @Test
    void rejectsKeyingWithZeroSessionId() {
        assertThatThrownBy(() -> decode("38 0008 00000000 01 aa 00 00 "))
                .isInstanceOf(MalformedInputException.class);
    }

    @Test
    void rejectsUserDataWhoseOptionsOverrunTheChunk() {
        assertThatThrownBy(() -> decode("10 0006 80 01 01 01 09 00"))
                .isInstanceOf(MalformedInputException.class);
    }
}
