/** The Flash profile's messages on flows (RFC 7425 §5): flow metadata, RTMP message framing, AMF0 and NetConnection commands. */
package org.webp2p.rtmfp.flash;
