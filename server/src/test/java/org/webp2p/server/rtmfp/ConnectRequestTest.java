package org.webp2p.server.rtmfp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.webp2p.nat.NatType;
import org.webp2p.rtmfp.flash.NetConnectionCommand;

class ConnectRequestTest {

    private static NetConnectionCommand connect(Map<String, Object> properties, List<Object> arguments) {
        Map<String, Object> object = new LinkedHashMap<>(Map.of("app", "webp2p", "tcUrl", "rtmfp://host/webp2p"));
        object.putAll(properties);
        return new NetConnectionCommand(NetConnectionCommand.CONNECT, 1, object, arguments);
    }

    @Test
    void readsTheTokenFromTheFirstArgumentBeforeTheCommandObject() {
        ConnectRequest request = ConnectRequest.of(connect(Map.of("token", "from-object"), List.of("from-argument")));

        assertThat(request.token()).isEqualTo("from-argument");
    }

    @Test
    void fallsBackToTheTokenPropertyWhenTheFirstArgumentIsNotAString() {
        ConnectRequest request = ConnectRequest.of(connect(Map.of("token", "from-object"), List.of(3.0)));

        assertThat(request.token()).isEqualTo("from-object");
    }

    @Test
    void takesTheStreamPropertyBeforeTheAppPath() {
        assertThat(ConnectRequest.of(connect(Map.of("app", "webp2p/news", "stream", "sport"), List.of())).stream())
                .isEqualTo("sport");
        assertThat(ConnectRequest.of(connect(Map.of("app", "webp2p/news"), List.of())).stream()).isEqualTo("news");
        assertThat(ConnectRequest.of(connect(Map.of(), List.of())).stream()).isEmpty();
    }

    @Test
    void readsTheNatTypeInAnyCaseAndCallsAnythingElseUnknown() {
        assertThat(ConnectRequest.of(connect(Map.of("natType", "port-restricted-cone"), List.of())).natType())
                .isEqualTo(NatType.PORT_RESTRICTED_CONE);
        assertThat(ConnectRequest.of(connect(Map.of("natType", "Symmetric"), List.of())).natType())
                .isEqualTo(NatType.SYMMETRIC);
        assertThat(ConnectRequest.of(connect(Map.of("natType", "carrier-grade"), List.of())).natType())
                .isEqualTo(NatType.UNKNOWN);
        assertThat(ConnectRequest.of(connect(Map.of(), List.of())).natType()).isEqualTo(NatType.UNKNOWN);
    }

    @Test
    void copesWithACommandObjectThatIsNotAnObject() {
        ConnectRequest request = ConnectRequest.of(
                new NetConnectionCommand(NetConnectionCommand.CONNECT, 1, null, List.of()));

        assertThat(request).isEqualTo(new ConnectRequest("", "", NatType.UNKNOWN));
    }
}
