package org.webp2p.rtmfp.session;

/**
 * What may still be sent in answer to one startup datagram, whose source address nothing has
 * checked yet (RFC 7016 §3.5.1.1.2, amplification). Everything sent in answer to it totals at most
 * {@code factor} times its length; only the first IHello in it is answered, so packing many into
 * one datagram buys nothing; and what goes out on the sender's word to somewhere it merely names
 * or asks about, a Redirect or a Forwarded IHello, is no larger than the datagram itself.
 * Confined to the core's thread.
 */
final class AnswerBudget {
    private final int provokingLength;
    private int remaining;
    private boolean helloTaken;

    /**
     * @param provokingLength the datagram's length in bytes
     * @param factor          how many times that may be sent in answer
     */
    AnswerBudget(int provokingLength, int factor) {
        this.provokingLength = provokingLength;
        this.remaining = provokingLength * factor;
    }

    /** For answers to what came inside an open session, whose far end's address is proven. */
    static AnswerBudget unlimited() {
        return new AnswerBudget(Integer.MAX_VALUE, 1);
    }

    /** Claims the datagram's one IHello answer; false if an earlier IHello in it claimed it. */
    boolean takeHello() {
        if (helloTaken) {
            return false;
        }
        helloTaken = true;
        return true;
    }

    /** Spends {@code length} bytes if they fit in what remains; otherwise spends nothing. */
    boolean spend(int length) {
        if (length > remaining) {
            return false;
        }
        remaining -= length;
        return true;
    }

    /** As {@link #spend}, and only if {@code length} is no larger than the provoking datagram. */
    boolean spendAtMostProvoking(int length) {
        return length <= provokingLength && spend(length);
    }
}
