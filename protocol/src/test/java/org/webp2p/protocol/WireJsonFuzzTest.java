package org.webp2p.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.webp2p.protocol.admin.TokenRequest;
import org.webp2p.protocol.api.SessionRequest;
import org.webp2p.protocol.pingback.BeaconBatch;
import org.webp2p.protocol.tracker.AnnounceRequest;

/**
 * What the API, tracker, pingback and admin endpoints read from anyone who can reach them. The
 * strict reader gives the request's record or an {@link IOException} (which the server answers with
 * a 400); nothing else may escape it. A request it reads writes back to JSON that reads the same.
 * The input's first byte picks the record, so the committed inputs read as text: {@code 0} then a
 * session request, {@code 1} an announce, {@code 2} a beacon batch, {@code 3} a token request.
 */
class WireJsonFuzzTest {
    private static final ObjectMapper STRICT = WireJson.strict();
    private static final List<Class<?>> REQUESTS =
            List.of(SessionRequest.class, AnnounceRequest.class, BeaconBatch.class, TokenRequest.class);

    @FuzzTest
    void readsARequestOrRefusesTheJson(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        Class<?> type = REQUESTS.get(Byte.toUnsignedInt(input[0]) % REQUESTS.size());
        Object request;
        try {
            request = STRICT.readValue(Arrays.copyOfRange(input, 1, input.length), type);
        } catch (IOException refused) {
            return;
        }
        assertThat(STRICT.readValue(STRICT.writeValueAsBytes(request), type)).isEqualTo(request);
    }
}
