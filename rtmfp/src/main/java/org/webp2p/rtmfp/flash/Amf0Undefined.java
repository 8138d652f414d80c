package org.webp2p.rtmfp.flash;

/** The AMF0 undefined value, distinct from null (AMF0 §2.8). */
public enum Amf0Undefined {
    INSTANCE
}
