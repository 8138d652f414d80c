package org.webp2p.rtmfp.session;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.webp2p.rtmfp.RtmfpParams;

/**
 * When a session acknowledges received data (RFC 7016 §3.6.3.4): at once after a few data
 * packets, a gap, a FIN or a buffer probe; otherwise when the delayed-ack time runs out.
 */
final class AckScheduler {
    private final RtmfpParams params;
    private final Set<ReceiveFlow> flows = new LinkedHashSet<>();
    private boolean immediate;
    private long deadline;
    private int dataPackets;

    AckScheduler(RtmfpParams params) {
        this.params = params;
    }

    /** {@code flow} has something new to acknowledge; {@code urgent} asks for it at once. */
    void flowNeedsAck(ReceiveFlow flow, boolean urgent) {
        flows.add(flow);
        immediate |= urgent;
    }

    /** A packet carrying user data arrived. */
    void onDataPacket(long nowMillis) {
        if (++dataPackets >= params.obligatoryAckAfterPackets()) {
            immediate = true;
        } else if (deadline == 0) {
            deadline = nowMillis + params.delayedAckMillis();
        }
    }

    void onTick(long nowMillis) {
        if (deadline != 0 && nowMillis >= deadline) {
            immediate = true;
        }
    }

    /** True if acknowledgements should go in the next packet. */
    boolean due() {
        return immediate && !flows.isEmpty();
    }

    /** Flows to acknowledge, in order; remove each once its ack is placed in a packet. */
    Iterator<ReceiveFlow> pending() {
        return flows.iterator();
    }

    /** Every pending acknowledgement went out. */
    void sent() {
        immediate = false;
        deadline = 0;
        dataPackets = 0;
    }

    void clear() {
        flows.clear();
        sent();
    }
}
