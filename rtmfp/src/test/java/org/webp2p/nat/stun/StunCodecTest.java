package org.webp2p.nat.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.webp2p.nat.stun.Rfc5769Vectors.hex;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StunCodecTest {
    private static final TransactionId ID = new TransactionId(Rfc5769Vectors.TRANSACTION_ID);

    @Test
    void decodesRfc5769SampleRequestAndVerifiesItsFingerprint() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.REQUEST);

        assertThat(m.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(m.transactionId()).isEqualTo(ID);
        assertThat(m.isClassic()).isFalse();
        assertThat(m.attribute(Software.class)).contains(new Software("STUN test client"));
        assertThat(m.attributes()).extracting(StunAttribute::type)
                .containsExactly(0x8022, 0x0024, 0x8029, 0x0006, 0x0008, 0x8028);
        assertThat(m.attributes().get(3)).isEqualTo(new OpaqueAttribute(0x0006, "evtj:h6vY".getBytes()));
        assertThat(m.attributes().get(1)).isEqualTo(new OpaqueAttribute(0x0024, hex("6e0001ff")));
        assertThat(m.hasFingerprint()).isTrue();
    }

    @Test
    void keepsRfc5769MessageIntegrityBytesSoTheyStillVerify() throws Exception {
        // MESSAGE-INTEGRITY is not interpreted, but kept intact: the HMAC-SHA1 of RFC 8489 §14.5 over
        // the bytes before it, with the length field ending at it, still matches under the RFC's password.
        StunMessage m = StunCodec.decode(Rfc5769Vectors.REQUEST);
        byte[] integrity = m.attributes().stream()
                .filter(a -> a.type() == 0x0008).map(a -> ((OpaqueAttribute) a).value()).findFirst().orElseThrow();
        int at = Rfc5769Vectors.REQUEST.length - 8 - 24;
        byte[] covered = Arrays.copyOf(Rfc5769Vectors.REQUEST, at);
        covered[3] = (byte) (at + 24 - 20);
        Mac hmac = Mac.getInstance("HmacSHA1");
        hmac.init(new SecretKeySpec("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));

        assertThat(hmac.doFinal(covered)).isEqualTo(integrity);
    }

    @Test
    void decodesRfc5769Ipv4ResponseMappedAddress() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.IPV4_RESPONSE);

        assertThat(m.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(m.attribute(Software.class)).contains(new Software("test vector"));
        assertThat(m.attribute(XorMappedAddress.class)).contains(
                new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));
        assertThat(m.hasFingerprint()).isTrue();
    }

    @Test
    void decodesRfc5769Ipv6ResponseMappedAddress() throws Exception {
        StunMessage m = StunCodec.decode(Rfc5769Vectors.IPV6_RESPONSE);

        assertThat(m.attribute(XorMappedAddress.class).orElseThrow().address()).isEqualTo(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    }

    @Test
    void encodesXorMappedAddressAsInRfc5769() throws Exception {
        StunMessage m = StunMessage.of(StunMessageType.BINDING_SUCCESS, ID,
                new XorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)));

        assertThat(StunCodec.encode(m)).isEqualTo(hex("""
                01 01 00 0c  21 12 a4 42  b7 e7 a7 01  bc 34 d6 86  fa 87 df ae
                00 20 00 08  00 01 a1 47  e1 12 a6 43
                """));
    }

    @Test
    void encodesIpv6XorMappedAddressAsInRfc5769() throws Exception {
        byte[] encoded = StunCodec.encode(StunMessage.of(StunMessageType.BINDING_SUCCESS, ID, new XorMappedAddress(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853))));

        assertThat(Arrays.copyOfRange(encoded, 20, encoded.length))
                .isEqualTo(Arrays.copyOfRange(Rfc5769Vectors.IPV6_RESPONSE, 36, 60));
    }

    @Test
    void computesFingerprintThatMatchesRfc5769WhenMessageIsRebuiltBytewise() throws Exception {
        // Re-encoding the sample zero-fills the padding the RFC filled with spaces, so the comparison is
        // against the CRC-32 rule itself: a fresh encoding decodes, and a flipped byte is caught.
        StunMessage m = StunCodec.decode(Rfc5769Vectors.IPV4_RESPONSE);
        byte[] again = StunCodec.encode(m);

        assertThat(StunCodec.decode(again)).isEqualTo(m);
        again[25] ^= 1;
        assertThatThrownBy(() -> StunCodec.decode(again))
                .isInstanceOfSatisfying(MalformedStunException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_FINGERPRINT));
    }

    @Test
    void rejectsRfc5769RequestWithCorruptedFingerprint() {
        byte[] corrupt = Rfc5769Vectors.REQUEST.clone();
        corrupt[corrupt.length - 1] ^= 0x01;

        assertThatThrownBy(() -> StunCodec.decode(corrupt))
                .isInstanceOfSatisfying(MalformedStunException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_FINGERPRINT));
    }

    @Test
    void encodesRfc5780AttributesWithTheirRfcLayouts() throws Exception {
        TransactionId id = new TransactionId(hex("000102030405060708090a0b"));
        StunMessage m = StunMessage.of(StunMessageType.BINDING_REQUEST, id,
                new ChangeRequest(true, true), new ResponsePort(0x1234), new Padding(3),
                new OtherAddress(new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 3479)),
                new ErrorCode(420, "Unknown"), new UnknownAttributes(List.of(0x0042)));

        assertThat(StunCodec.encode(m)).isEqualTo(hex("""
                00 01 00 3c  21 12 a4 42  00 01 02 03  04 05 06 07  08 09 0a 0b
                00 03 00 04  00 00 00 06
                00 27 00 04  12 34 00 00
                00 26 00 03  00 00 00 00
                80 2c 00 08  00 01 0d 97  0a 00 00 02
                00 09 00 0b  00 00 04 14  55 6e 6b 6e  6f 77 6e 00
                00 0a 00 02  00 42 00 00
                """));
    }

    @Test
    void roundTripsEveryInterpretedAttributeInIpv4AndIpv6() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 40000);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 65535);
        StunMessage m = StunMessage.of(StunMessageType.BINDING_ERROR, TransactionId.random(),
                new MappedAddress(v4), new XorMappedAddress(v6), new XorMappedAddress(v4), new ResponseOrigin(v6),
                new OtherAddress(v4), new ChangedAddress(v6), new SourceAddress(v4), new ChangeRequest(false, true),
                new ResponsePort(0), new Padding(5), new Software("webp2p ü"), new ErrorCode(699, ""),
                new UnknownAttributes(List.of(1, 2, 3)), new OpaqueAttribute(0x7FFF, new byte[] {9}),
                new Fingerprint());

        assertThat(StunCodec.decode(StunCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void roundTripsClassicRfc3489MessageWithoutCookie() throws Exception {
        TransactionId classic = new TransactionId(hex("0102030405060708090a0b0c0d0e0f10"));
        StunMessage m = StunMessage.of(StunMessageType.BINDING_SUCCESS, classic,
                new MappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.9"), 1000)));

        byte[] encoded = StunCodec.encode(m);

        assertThat(Arrays.copyOfRange(encoded, 4, 20)).isEqualTo(classic.bytes());
        StunMessage decoded = StunCodec.decode(encoded);
        assertThat(decoded.isClassic()).isTrue();
        assertThat(decoded).isEqualTo(m);
    }

    @Test
    void rejectsDatagramsThatAreNotStunByReason() {
        assertReason(new byte[7], DropReason.TRUNCATED);
        assertReason(hex("c0010000 2112a442 000102030405060708090a0b"), DropReason.NOT_STUN);
        assertReason(hex("00010002 2112a442 000102030405060708090a0b 0000"), DropReason.NOT_STUN);
        assertReason(hex("00010004 2112a442 000102030405060708090a0b"), DropReason.LENGTH_MISMATCH);
        assertReason(hex("00010004 2112a442 000102030405060708090a0b 00200008"), DropReason.BAD_ATTRIBUTE);
        assertReason(hex("0001000c 2112a442 000102030405060708090a0b 00030008 00000006 00000000"),
                DropReason.BAD_ATTRIBUTE);
        assertReason(hex("0001000c 2112a442 000102030405060708090a0b 00010008 00030000 01020304"),
                DropReason.BAD_ATTRIBUTE);
        assertReason(hex("00010008 2112a442 000102030405060708090a0b 80220003 ff fe fd 00"),
                DropReason.BAD_ATTRIBUTE);
    }

    @Test
    void rejectsAttributesAfterFingerprint() {
        // A valid FINGERPRINT over a header whose length also counts the SOFTWARE that follows it.
        byte[] m = hex("00010010 2112a442 000102030405060708090a0b 80280004 00000000 80220000 00000000");
        m = Arrays.copyOf(m, 32);
        m[3] = 0x0c;
        CRC32 crc = new CRC32();
        crc.update(m, 0, 20);
        int value = (int) crc.getValue() ^ Fingerprint.XOR_VALUE;
        m[24] = (byte) (value >>> 24);
        m[25] = (byte) (value >>> 16);
        m[26] = (byte) (value >>> 8);
        m[27] = (byte) value;
        m[28] = (byte) 0x80;
        m[29] = 0x22;

        assertReason(m, DropReason.BAD_ATTRIBUTE);
    }

    @Test
    void messageTypeInterleavesMethodAndClassBits() {
        assertThat(StunMessageType.BINDING_REQUEST.encode()).isEqualTo(0x0001);
        assertThat(StunMessageType.BINDING_SUCCESS.encode()).isEqualTo(0x0101);
        assertThat(StunMessageType.BINDING_ERROR.encode()).isEqualTo(0x0111);
        assertThat(new StunMessageType(0xFFF, StunClass.INDICATION).encode()).isEqualTo(0x3EFF);
        assertThat(StunMessageType.decode(0x3EFF)).isEqualTo(new StunMessageType(0xFFF, StunClass.INDICATION));
    }

    private static void assertReason(byte[] datagram, DropReason reason) {
        assertThatThrownBy(() -> StunCodec.decode(datagram))
                .isInstanceOfSatisfying(MalformedStunException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
