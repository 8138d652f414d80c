package org.webp2p.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsGiveEveryServiceItsDocumentedPort() {
        Config c = Config.defaults();
        assertThat(c.get(ServiceName.ORIGIN.port())).isEqualTo(8080);
        assertThat(c.get(ServiceName.API.port())).isEqualTo(8081);
        assertThat(c.get(ServiceName.TRACKER.port())).isEqualTo(8082);
        assertThat(c.get(ServiceName.PINGBACK.port())).isEqualTo(8083);
        assertThat(c.get(ServiceName.ADMIN.port())).isEqualTo(8084);
        assertThat(c.get(ServiceName.RENDEZVOUS.port())).isEqualTo(1935);
        assertThat(c.get(ServiceName.RTMP.port())).as("RTMP on TCP 1935, beside the rendezvous on UDP").isEqualTo(1935);
        assertThat(c.get(RtmpSettings.SEGMENT_DURATION)).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.get(ServiceName.STUN.port())).isEqualTo(3478);
        assertThat(c.get(StunSettings.ALT_PORT)).isEqualTo(3479);
        assertThat(c.get(ServiceName.ADMIN.bind()).isLoopbackAddress()).isTrue();
        assertThat(c.get(ServiceName.ORIGIN.enabled())).isTrue();
    }

    @Test
    void laterLayersOverrideEarlierOnes() throws ConfigException {
        Config c = Config.of(ConfigSchema.standard(),
                Map.of("origin.port", "9000", "api.port", "9001"),
                Map.of("origin.port", "0"));
        assertThat(c.get(ServiceName.ORIGIN.port())).isZero();
        assertThat(c.get(ServiceName.API.port())).isEqualTo(9001);
    }

    @Test
    void refusesOutOfRangePortNamingTheKeyAndReason() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("origin.port", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("origin.port")
                .hasMessageContaining("0 to 65535")
                .hasMessageContaining("70000");
    }

    @Test
    void refusesUnknownKeysSoTyposAreNotIgnored() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("orgin.port", "80")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("orgin.port: unknown key");
    }

    @Test
    void reportsEveryBadKeyAtOnce() {
        try {
            Config.defaults().with(Map.of("api.enabled", "maybe", "stun.bind", "", "ui.poll-interval", "soon"));
        } catch (ConfigException e) {
            assertThat(e.problems()).hasSize(3);
            assertThat(e.getMessage()).contains("api.enabled: must be true or false")
                    .contains("stun.bind").contains("ui.poll-interval: must be a duration");
            return;
        }
        throw new AssertionError("expected ConfigException");
    }

    @Test
    void refusesWholeNumbersOutsideTheirBoundsOrNotWhole() {
        assertThatThrownBy(() -> Config.defaults().with(Map.of("tracker.list-size", "500")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("tracker.list-size: must be between 1 and 200 (got \"500\")");
        assertThatThrownBy(() -> Config.defaults().with(Map.of("tracker.list-size", "99999999999")))
                .hasMessage("tracker.list-size: must be between 1 and 200 (got \"99999999999\")");
        assertThatThrownBy(() -> Config.defaults().with(Map.of("tracker.list-size", "ten")))
                .hasMessage("tracker.list-size: must be a whole number (got \"ten\")");
    }

    @Test
    void parsesDurationsAndSizesWithUnits() throws ConfigException {
        Config c = Config.defaults().with(Map.of("ui.poll-interval", "250ms", "http.max-body", "16MB"));
        assertThat(c.get(UiSettings.POLL_INTERVAL)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.get(HttpSettings.MAX_BODY)).isEqualTo(16L << 20);
    }

    @Test
    void typedReadsGiveDefaultsUntilSetThenTheSetValue() throws Exception {
        Config defaults = Config.defaults();
        assertThat(defaults.get(TrackerSettings.LIST_SIZE)).isEqualTo(20);
        assertThat(defaults.get(TrackerSettings.ANNOUNCE_INTERVAL)).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.get(PingbackSettings.MAX_BODY)).isEqualTo(64L << 10);
        assertThat(defaults.get(HttpSettings.MAX_BODY)).isEqualTo(64L << 10);
        assertThat(defaults.get(ApiSettings.OPEN)).isFalse();
        assertThat(defaults.get(StoreSettings.USER)).isEqualTo("sa");
        assertThat(defaults.get(ServiceName.API.bind())).isEqualTo(InetAddress.getByName("0.0.0.0"));

        Config set = defaults.with(Map.of("tracker.list-size", " 50 ", "tracker.announce-interval", "2m",
                "pingback.max-body", "1KB", "api.open", "yes", "store.user", "ann", "api.bind", "127.0.0.1"));
        assertThat(set.get(TrackerSettings.LIST_SIZE)).isEqualTo(50);
        assertThat(set.get(TrackerSettings.ANNOUNCE_INTERVAL)).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.get(PingbackSettings.MAX_BODY)).isEqualTo(1024L);
        assertThat(set.get(ApiSettings.OPEN)).isTrue();
        assertThat(set.get(StoreSettings.USER)).isEqualTo("ann");
        assertThat(set.get(ServiceName.API.bind()).isLoopbackAddress()).isTrue();
        assertThat(set.asMap()).containsEntry("tracker.announce-interval", "2m");
    }

    @Test
    void readsAKeyFamilyMemberOnlyWhenSet() throws ConfigException {
        assertThat(Config.defaults().optional(OriginSettings.STREAM_KEY, "demo")).isEmpty();
        Config c = Config.defaults().with(Map.of("origin.stream.demo.key", "s3cret"));
        assertThat(c.optional(OriginSettings.STREAM_KEY, "demo")).contains("s3cret");
        assertThat(c.optional(OriginSettings.STREAM_KEY, "other")).isEmpty();
        assertThat(c.optional(OriginSettings.STREAM_KEY, "de.mo")).isEmpty();
    }

    @Test
    void listsEverySetMemberOfAKeyFamilyByWhatItsStarStandsFor() throws ConfigException {
        assertThat(Config.defaults().members(OriginSettings.STREAM_KEY)).isEmpty();
        Config c = Config.defaults().with(Map.of("origin.stream.cam.key", "k1", "origin.stream.news.key", "k2",
                "origin.publish-key", "p"));
        assertThat(c.members(OriginSettings.STREAM_KEY)).isEqualTo(Map.of("cam", "k1", "news", "k2"));
    }

    @Test
    void refusesAKeyThatIsOnlySpeltLikeOneOfTheSchema() {
        ConfigKey<Integer> impostor = ConfigKey.integer("api.public-host", 1, 0, 2, "not the schema's key");
        assertThatThrownBy(() -> Config.defaults().get(impostor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no configuration key api.public-host");
    }

    @Test
    void onlyServicesThatSpeakHttpHaveTheirOwnCertificate() throws ConfigException {
        Config c = Config.defaults().with(Map.of("api.tls.cert", "/etc/api.pem", "tls.cert", "/etc/all.pem"));
        assertThat(c.get(ServiceName.API.tlsCert())).isEqualTo("/etc/api.pem");
        assertThat(c.get(ServiceName.ORIGIN.tlsCert())).isEmpty();
        assertThat(c.get(TlsSettings.CERT)).isEqualTo("/etc/all.pem");
        assertThatThrownBy(ServiceName.STUN::tlsCert).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stun does not speak HTTP");
        assertThatThrownBy(() -> Config.defaults().with(Map.of("stun.tls.cert", "/etc/x.pem")))
                .hasMessageContaining("stun.tls.cert: unknown key");
    }

    @Test
    void patternKeysMatchExactlyOneSegment() {
        PatternKey<String> key = OriginSettings.STREAM_KEY;
        assertThat(key.matches("origin.stream.demo.key")).isTrue();
        assertThat(key.matches("origin.stream..key")).isFalse();
        assertThat(key.matches("origin.stream.a.b.key")).isFalse();
        assertThat(key.matches("origin.stream.demo.keys")).isFalse();
    }

    @Test
    void endpointCombinesBindAndPort() throws ConfigException {
        Config c = Config.defaults().with(Map.of("tracker.bind", "127.0.0.1", "tracker.port", "0"));
        assertThat(c.endpoint(ServiceName.TRACKER).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(c.endpoint(ServiceName.TRACKER).getPort()).isZero();
    }

    @Test
    void schemaListsExactlyTheDeclaredConstants() throws Exception {
        List<Class<?>> holders = settingsHolders();
        assertThat(holders).extracting(Class::getSimpleName)
                .contains("OriginSettings", "ApiSettings", "TrackerSettings", "PingbackSettings", "UiSettings");
        List<Object> declared = new ArrayList<>();
        List<Object> patterns = new ArrayList<>();
        for (ServiceName service : ServiceName.values()) {
            declared.addAll(List.of(service.enabled(), service.bind(), service.port()));
            if (service.speaksHttp()) {
                declared.addAll(List.of(service.tlsCert(), service.tlsKey()));
            }
        }
        for (Class<?> holder : holders) {
            for (Field f : holder.getDeclaredFields()) {
                if (f.getType() == ConfigKey.class || f.getType() == PatternKey.class) {
                    assertThat(Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())
                            && Modifier.isFinal(f.getModifiers())).as(f.toString()).isTrue();
                    (f.getType() == ConfigKey.class ? declared : patterns).add(f.get(null));
                }
            }
        }
        ConfigSchema schema = ConfigSchema.standard();
        assertThat(schema.keys()).containsExactlyInAnyOrderElementsOf(declared.stream().map(k -> (ConfigKey<?>) k).toList());
        assertThat(schema.patterns()).containsExactlyInAnyOrderElementsOf(
                patterns.stream().map(k -> (PatternKey<?>) k).toList());
    }

    @Test
    void schemaListsEachServiceFirstThenTheOthersInDeclarationOrder() {
        List<String> names = ConfigSchema.standard().keys().stream().map(ConfigKey::name).toList();
        assertThat(names.subList(0, 8)).containsExactly("origin.enabled", "origin.bind", "origin.port",
                "origin.tls.cert", "origin.tls.key", "api.enabled", "api.bind", "api.port");
        assertThat(names.get(names.indexOf("stun.port") + 1)).isEqualTo("stun.alt-port");
        assertThat(names.get(names.size() - 1)).isEqualTo("ui.poll-interval");
        assertThat(ConfigSchema.standard().find("origin.stream.demo.key")).get()
                .extracting(ConfigKey::name).isEqualTo("origin.stream.demo.key");
    }

    /** Every {@code *Settings} class of the config package, found among the compiled classes. */
    private static List<Class<?>> settingsHolders() throws Exception {
        Path dir = Path.of(ConfigSchema.class.getResource("ConfigSchema.class").toURI()).getParent();
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> holders = new ArrayList<>();
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith("Settings.class")) {
                    holders.add(Class.forName(ConfigSchema.class.getPackageName() + "."
                            + file.substring(0, file.length() - ".class".length())));
                }
            }
            return holders;
        }
    }
}
