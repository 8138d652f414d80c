package org.webp2p.server.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenditionNamesTest {

    @Test
    void aHeightSuffixMakesARenditionOfTheNameBeforeIt() {
        assertThat(RenditionNames.ofPublished("concert_720p")).contains("concert/720p");
        assertThat(RenditionNames.ofPublished("my_show_1080p60")).contains("my_show/1080p60");
        assertThat(RenditionNames.ofPublished("cam-2_360p")).contains("cam-2/360p");
    }

    @Test
    void otherNamesStayStreamsOfTheirOwn() {
        assertThat(RenditionNames.ofPublished("concert")).isEmpty();
        assertThat(RenditionNames.ofPublished("concert_hd")).isEmpty();
        assertThat(RenditionNames.ofPublished("_720p")).isEmpty();
        assertThat(RenditionNames.ofPublished("concert_720")).isEmpty();
        assertThat(RenditionNames.ofPublished("a.b_720p")).isEmpty();
    }

    @Test
    void aRenditionBelongsToItsStream() {
        assertThat(RenditionNames.streamOf("concert/720p")).isEqualTo("concert");
        assertThat(RenditionNames.streamOf("concert")).isEqualTo("concert");
    }
}
