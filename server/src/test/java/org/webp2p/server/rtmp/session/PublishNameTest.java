package org.webp2p.server.rtmp.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishNameTest {

    @Test
    void obsStreamKeyWithTheKeyAsAParameter() {
        assertThat(PublishName.parse("cam?key=abc-123")).isEqualTo(new PublishName("cam", "abc-123"));
        assertThat(PublishName.parse("cam?foo=1&key=k&bar=2")).isEqualTo(new PublishName("cam", "k"));
    }

    @Test
    void aKeyAloneIsTheNameAndIsNeverShown() {
        PublishName alone = PublishName.parse("s3cr3t");

        assertThat(alone.keyAlone()).isTrue();
        assertThat(alone.shown()).isEqualTo("a stream key alone");
    }

    @Test
    void aNameIsShownPrintableAndShort() {
        assertThat(PublishName.parse("ca\u0000m\n?key=x").shown()).isEqualTo("'ca?m?'");
        assertThat(PublishName.parse("x".repeat(100) + "?key=k").shown()).isEqualTo("'" + "x".repeat(64) + "...'");
    }
}
