package org.webp2p.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.webp2p.nat.NatType;

/**
 * The module layering, checked on the compiled main classes of every module (this test lives in
 * {@code app} because only {@code app} sees them all). Arrows point one way:
 * {@code rtmfp <- protocol <- server, sdk <- ui <- app}.
 */
@AnalyzeClasses(packages = "org.webp2p",
        importOptions = {ImportOption.DoNotIncludeTests.class, LayeringTest.DoNotIncludeTestJars.class})
class LayeringTest {

    /**
     * Leaves out the server's test-jar (TestNode and friends), which app's tests use: ArchUnit's own
     * option knows test-classes folders but not Maven's {@code -tests.jar}, which verify puts there.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String[] RTMFP = {"org.webp2p.rtmfp..", "org.webp2p.nat.."};
    private static final String PROTOCOL = "org.webp2p.protocol..";
    private static final String SERVER = "org.webp2p.server..";
    private static final String SDK = "org.webp2p.sdk..";
    private static final String UI = "org.webp2p.ui..";
    private static final String APP = "org.webp2p.app..";
    private static final String JAVAFX = "javafx..";

    @ArchTest
    static final ArchRule rtmfpKnowsNoOtherModule = noClasses().that().resideInAnyPackage(RTMFP)
            .should().dependOnClassesThat().resideInAnyPackage(PROTOCOL, SERVER, SDK, UI, APP, JAVAFX)
            .because("the RTMFP library is usable on its own, by any client or server");

    @ArchTest
    static final ArchRule wireContractNeedsOnlyTheNatTypeBelowIt = noClasses().that().resideInAPackage(PROTOCOL)
            .should().dependOnClassesThat(resideInAnyPackage(SERVER, SDK, UI, APP, JAVAFX, "io.netty..", RTMFP[0])
                    .or(resideInAPackage(RTMFP[1]).and(not(equivalentTo(NatType.class)))))
            .because("server, SDK and console share the wire contract; of the RTMFP library it carries NatType only");

    @ArchTest
    static final ArchRule rtmfpStateMachinesDoNoIo = noClasses()
            .that().resideInAnyPackage("org.webp2p.rtmfp.session..", "org.webp2p.rtmfp.handshake..",
                    "org.webp2p.rtmfp.chunk..", "org.webp2p.rtmfp.packet..", "org.webp2p.rtmfp.flow..",
                    "org.webp2p.rtmfp.crypto..", "org.webp2p.nat.stun..", "org.webp2p.nat.responder..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "java.nio.channels..")
            .because("protocol state machines take a clock and a send callback; the Netty adapter lives in rtmfp.net");

    @ArchTest
    static final ArchRule sdkKnowsNeitherServerNorJavaFx = noClasses().that().resideInAPackage(SDK)
            .should().dependOnClassesThat().resideInAnyPackage(SERVER, UI, APP, JAVAFX)
            .because("the SDK is a pure-Java client that must run on Android");

    @ArchTest
    static final ArchRule servicesKnowNeitherUiNorApp = noClasses().that().resideInAPackage(SERVER)
            .should().dependOnClassesThat().resideInAnyPackage(UI, APP, JAVAFX)
            .because("every service also runs headless");

    @ArchTest
    static final ArchRule viewsDoNotKnowApp = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(APP)
            .because("the console is wired by app, never the other way round");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.webp2p.(**)").should().beFreeOfCycles();
}
