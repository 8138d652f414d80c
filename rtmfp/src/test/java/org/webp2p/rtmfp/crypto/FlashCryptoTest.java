package org.webp2p.rtmfp.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.webp2p.rtmfp.wire.Bytes;
import org.webp2p.rtmfp.wire.OptionList;

class FlashCryptoTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PLAIN_PING = Bytes.fromHex("0b000201000161").toByteArray();

    @Test
    void peerIdIsSha256OfTheCertificateOptions() {
        FlashCertificate cert = FlashCertificate.ephemeral(List.of(DhGroup.MODP_1024), true, new byte[] {1, 2});
        // 01 0a (accepts ancillary data) | 02 15 02 (group 2) | 03 0e 0102 (extra randomness)
        assertThat(cert.encoded().toHex()).isEqualTo("010a021502030e0102");
        // sha256sum of those nine bytes, computed outside Java
        assertThat(cert.peerId().toHex()).isEqualTo("f839498925bd0aaa915cca22d2b16d28d5065179306e177757916afcbdb76081");
        assertThat(cert.acceptsAncillaryData()).isTrue();
        assertThat(cert.supports(DhGroup.MODP_1024)).isTrue();
        assertThat(cert.supports(DhGroup.MODP_2048)).isFalse();
    }

    @Test
    void staticCertificateHasTheFlashPlayerLayout() {
        LocalIdentity identity = LocalIdentity.withStaticKeys(List.of(DhGroup.MODP_1024), 256, RANDOM);
        // length 0x8102 = 130 (type + group + 128-byte key), type 0x1d, group 2
        assertThat(identity.certificate().encoded().toHex()).startsWith("81021d02");
        assertThat(identity.certificate().encoded().length()).isEqualTo(4 + 128);
        assertThat(identity.certificate().isStatic()).isTrue();
    }

    @Test
    void endpointDiscriminatorsEncodePeerIdAndServerUri() {
        PeerId id = PeerId.fromHex("f839498925bd0aaa915cca22d2b16d28d5065179306e177757916afcbdb76081");
        assertThat(EndpointDiscriminator.forPeer(id).encode().toHex()).isEqualTo("210f" + id.toHex());
        assertThat(EndpointDiscriminator.forServer("rtmfp://h/a").encode().toHex())
                .isEqualTo("0c0a" + Bytes.of("rtmfp://h/a".getBytes()).toHex());
        assertThat(EndpointDiscriminator.decode(EndpointDiscriminator.forPeer(id).encode()))
                .contains(EndpointDiscriminator.forPeer(id));
    }

    @Test
    void discriminatorSelectsByPeerIdOrAncillaryData() {
        FlashCertificate server = FlashCertificate.ephemeral(List.of(DhGroup.MODP_1024), true, new byte[] {1});
        FlashCertificate peer = FlashCertificate.ephemeral(List.of(DhGroup.MODP_1024), false, new byte[] {2});
        assertThat(EndpointDiscriminator.forServer("rtmfp://x/app").selects(server)).isTrue();
        assertThat(EndpointDiscriminator.forServer("rtmfp://x/app").selects(peer)).isFalse();
        assertThat(EndpointDiscriminator.forPeer(peer.peerId()).selects(peer)).isTrue();
        assertThat(EndpointDiscriminator.forPeer(peer.peerId()).selects(server)).isFalse();
    }

    @Test
    void rejectsDiscriminatorWithShortPeerId() {
        assertThat(EndpointDiscriminator.decode(Bytes.fromHex("030f0102"))).isEmpty();
    }

    @Test
    void derivesSessionKeysAsRfc7425Specifies() {
        // Encrypt key = HMAC(S, HMAC(far, near))[0..16] computed with Python's hmac; ciphertext from openssl.
        PacketCipher cipher = SessionKeys.derive(new byte[] {1, 2, 3}, new byte[] {(byte) 0xaa}, new byte[] {(byte) 0xbb});
        assertThat(Bytes.of(cipher.encrypt(PLAIN_PING)).toHex()).isEqualTo("b98c1c1b92b9752318840e101ebb8c40");
    }

    @Test
    void dhSharedSecretIsSymmetricInBothGroups() {
        for (DhGroup group : DhGroup.values()) {
            DhKeyPair a = DhKeyPair.generate(group, 256, RANDOM);
            DhKeyPair b = DhKeyPair.generate(group, 256, RANDOM);
            assertThat(a.publicKey().length()).isEqualTo(group.keyLength());
            assertThat(a.sharedSecret(b.publicKey()).orElseThrow()).isEqualTo(b.sharedSecret(a.publicKey()).orElseThrow());
        }
    }

    @Test
    void rejectsDegeneratePublicKeys() {
        DhKeyPair a = DhKeyPair.generate(DhGroup.MODP_1024, 256, RANDOM);
        BigInteger pMinusOne = DhGroup.MODP_1024.prime().subtract(BigInteger.ONE);
        assertThat(a.sharedSecret(Bytes.fromHex("01"))).isEmpty();
        assertThat(a.sharedSecret(Bytes.of(pMinusOne.toByteArray()))).isEmpty();
    }

    @Test
    void keyAgreementWorksForEveryCertificateKind() {
        List<LocalIdentity> kinds = List.of(
                LocalIdentity.ephemeral(List.of(DhGroup.MODP_2048, DhGroup.MODP_1024), true, 256, RANDOM),
                LocalIdentity.withStaticKeys(List.of(DhGroup.MODP_1024), 256, RANDOM));
        for (LocalIdentity initiator : kinds) {
            for (LocalIdentity responder : kinds) {
                InitiatorKeyAgreement start = InitiatorKeyAgreement.start(initiator, responder.certificate(), RANDOM).orElseThrow();
                ResponderKeyAgreement answer = ResponderKeyAgreement.respond(responder, initiator.certificate(),
                        start.component(), RANDOM).orElseThrow();
                PacketCipher initiatorCipher = start.finish(answer.component()).orElseThrow();
                byte[] sent = initiatorCipher.encrypt(PLAIN_PING);
                assertThat(answer.cipher().decrypt(sent, 0, sent.length)).isPresent();
                byte[] reply = answer.cipher().encrypt(PLAIN_PING);
                assertThat(initiatorCipher.decrypt(reply, 0, reply.length)).isPresent();
            }
        }
    }

    @Test
    void prefersTheFirstCommonGroup() {
        LocalIdentity initiator = LocalIdentity.ephemeral(List.of(DhGroup.MODP_2048, DhGroup.MODP_1024), false, 256, RANDOM);
        FlashCertificate onlyGroup2 = FlashCertificate.ephemeral(List.of(DhGroup.MODP_1024), true, new byte[] {1});
        assertThat(InitiatorKeyAgreement.start(initiator, onlyGroup2, RANDOM).map(InitiatorKeyAgreement::group))
                .contains(DhGroup.MODP_1024);
    }

    @Test
    void honoursAFarRequestForHmacAndSequenceNumbers() {
        LocalIdentity initiator = LocalIdentity.ephemeral(List.of(DhGroup.MODP_1024), false, 256, RANDOM);
        LocalIdentity responder = LocalIdentity.ephemeral(List.of(DhGroup.MODP_1024), true, 256, RANDOM);
        ProtectionPolicy strict = new ProtectionPolicy(true, 16, true);
        InitiatorKeyAgreement start = InitiatorKeyAgreement.start(initiator, responder.certificate(), RANDOM).orElseThrow();
        ResponderKeyAgreement answer = ResponderKeyAgreement.respond(responder, initiator.certificate(),
                start.component(), strict, RANDOM).orElseThrow();
        PacketCipher initiatorCipher = start.finish(answer.component()).orElseThrow();
        assertThat(initiatorCipher.protection()).isEqualTo(new PacketProtection(true, 16, false, 0, true, false));
        assertThat(answer.cipher().protection()).isEqualTo(new PacketProtection(false, 0, true, 16, false, true));

        int predicted = initiatorCipher.encryptedLength(PLAIN_PING.length);
        byte[] sent = initiatorCipher.encrypt(PLAIN_PING);
        assertThat(sent.length).as("one block plus a 16-byte HMAC").isEqualTo(32).isEqualTo(predicted);
        assertThat(answer.cipher().decrypt(sent, 0, sent.length)).hasValueSatisfying(p ->
                assertThat(Arrays.copyOf(p, PLAIN_PING.length)).isEqualTo(PLAIN_PING));
        assertThat(answer.cipher().decrypt(sent, 0, sent.length)).as("replayed").isEmpty();

        byte[] forged = initiatorCipher.encrypt(PLAIN_PING);
        forged[forged.length - 1] ^= 1;
        assertThat(answer.cipher().decrypt(forged, 0, forged.length)).isEmpty();
        byte[] reply = answer.cipher().encrypt(PLAIN_PING);
        assertThat(initiatorCipher.decrypt(reply, 0, reply.length)).isPresent();
    }

    @Test
    void refusesInitiatorThatCannotSendTheRequiredHmac() {
        LocalIdentity initiator = LocalIdentity.ephemeral(List.of(DhGroup.MODP_1024), false, 256, RANDOM);
        LocalIdentity responder = LocalIdentity.ephemeral(List.of(DhGroup.MODP_1024), true, 256, RANDOM);
        InitiatorKeyAgreement start = InitiatorKeyAgreement.start(initiator, responder.certificate(), RANDOM).orElseThrow();
        // An older endpoint that sends no negotiation options at all.
        OptionList withoutNegotiation = new OptionList(OptionList.parse(start.component().toByteArray()).options().stream()
                .filter(o -> o.type() != 0x1a && o.type() != 0x1e).toList());
        assertThat(ResponderKeyAgreement.respond(responder, initiator.certificate(), Bytes.of(withoutNegotiation.encode()),
                new ProtectionPolicy(true, 16, false), RANDOM)).isEmpty();
        assertThat(ResponderKeyAgreement.respond(responder, initiator.certificate(), Bytes.of(withoutNegotiation.encode()),
                ProtectionPolicy.CHECKSUM_ONLY, RANDOM)).isPresent();
    }

    @Test
    void replayWindowRefusesRepeatsAndTheTooOld() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.accept(5)).isTrue();
        assertThat(window.accept(3)).isTrue();
        assertThat(window.accept(3)).isFalse();
        assertThat(window.accept(100)).isTrue();
        assertThat(window.accept(36)).as("more than 64 behind").isFalse();
        assertThat(window.accept(37)).isTrue();
    }
}
