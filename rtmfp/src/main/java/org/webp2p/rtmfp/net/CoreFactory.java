package org.webp2p.rtmfp.net;

import java.util.function.LongSupplier;
import org.webp2p.rtmfp.session.CoreThread;
import org.webp2p.rtmfp.session.DatagramSink;
import org.webp2p.rtmfp.session.RtmfpCore;

/** Builds the core once the socket's thread, clock and send path are known. */
@FunctionalInterface
public interface CoreFactory {
    RtmfpCore create(DatagramSink sink, CoreThread thread, LongSupplier clockMillis);
}
