/** RTMFP packets and datagrams (RFC 7016 §2.2): header, timestamps, scrambled session ID, encryption framing. */
package org.webp2p.rtmfp.packet;
