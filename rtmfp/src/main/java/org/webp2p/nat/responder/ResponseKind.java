package org.webp2p.nat.responder;

/** What a STUN server answered, for counting. */
public enum ResponseKind {
    /** RFC 8489 Binding success with XOR-MAPPED-ADDRESS. */
    BINDING_SUCCESS,
    /** RFC 3489 Binding success with MAPPED-ADDRESS, for a client that sent no magic cookie. */
    CLASSIC_BINDING_SUCCESS,
    /** 400: a method other than Binding. */
    BAD_REQUEST,
    /** 420: unknown comprehension-required attributes, or a change of address the server cannot make. */
    UNKNOWN_ATTRIBUTE
}
