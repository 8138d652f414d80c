package org.webp2p.rtmfp.session;

/**
 * Sees IHellos addressed to endpoints other than this one, so a rendezvous service can answer
 * them with a Redirect and a Forwarded IHello (RFC 7016 §3.5.1.1.2, §3.5.1.5).
 */
@FunctionalInterface
public interface IHelloHandler {
    void onIHello(ForeignIHello hello);
}
