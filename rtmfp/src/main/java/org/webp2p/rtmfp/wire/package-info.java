/** RTMFP's elementary encodings (RFC 7016 §2.1): VLUs, options, option lists, bounds-checked readers and writers. */
package org.webp2p.rtmfp.wire;
