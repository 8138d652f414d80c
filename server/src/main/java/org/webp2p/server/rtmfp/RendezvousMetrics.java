package org.webp2p.server.rtmfp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.webp2p.rtmfp.DropCounters;

/** The rendezvous counters; updated on the RTMFP thread, read by the console from any thread. */
final class RendezvousMetrics {
    final LongAdder handshakes = new LongAdder();
    final LongAdder connectsAccepted = new LongAdder();
    final LongAdder connectsRejected = new LongAdder();
    final LongAdder redirects = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final IntroductionCounters introductions = new IntroductionCounters();

    /**
     * @param load     open sessions, the figure the API balances on
     * @param capacity the session limit
     * @param drops    the RTMFP endpoint's dropped datagrams, or null when stopped
     */
    Map<String, Number> snapshot(int load, int capacity, int peers, DropCounters drops) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("load", load);
        m.put("capacity", capacity);
        m.put("peers", peers);
        m.put("handshakes", handshakes.sum());
        m.put("connects.accepted", connectsAccepted.sum());
        m.put("connects.rejected", connectsRejected.sum());
        m.put("redirects", redirects.sum());
        m.put("bytes.in", bytesIn.sum());
        m.put("bytes.out", bytesOut.sum());
        introductions.putInto(m);
        if (drops != null) {
            drops.snapshot().forEach((reason, count) ->
                    m.put("drops." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-'), count));
        }
        return m;
    }
}
