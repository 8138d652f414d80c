// A stand-in for the `webrtc-polyfill` module that simple-peer (inside bittorrent-tracker's client)
// imports: it makes offers and answers at once, with SDP that names the peer connection, and never
// connects. What the tests check is the tracker's signalling, not WebRTC; the real polyfill needs a
// native library that the npm registry does not carry.
let made = 0;

class FakeChannel {
  constructor(label) {
    this.label = label;
    this.binaryType = 'arraybuffer';
    this.readyState = 'connecting';
    this.bufferedAmount = 0;
  }

  close() {
    this.readyState = 'closed';
  }

  send() {
    throw new Error('the fake data channel never opens');
  }
}

export class RTCSessionDescription {
  constructor({ type, sdp }) {
    this.type = type;
    this.sdp = sdp;
  }
}

export class RTCIceCandidate {
  constructor(candidate) {
    Object.assign(this, candidate);
  }
}

export class RTCPeerConnection {
  constructor() {
    this.id = ++made;
    this.localDescription = null;
    this.remoteDescription = null;
    this.signalingState = 'stable';
    this.iceGatheringState = 'new';
    this.iceConnectionState = 'new';
    this.connectionState = 'new';
  }

  createDataChannel(label) {
    return new FakeChannel(label);
  }

  async createOffer() {
    return { type: 'offer', sdp: `v=0\r\no=fake ${process.pid} ${this.id} IN IP4 127.0.0.1\r\ns=offer\r\n` };
  }

  async createAnswer() {
    return { type: 'answer', sdp: `v=0\r\no=fake ${process.pid} ${this.id} IN IP4 127.0.0.1\r\ns=answer\r\n` };
  }

  async setLocalDescription(description) {
    this.localDescription = new RTCSessionDescription(description);
    // Gathering ends at once with no candidate, which is what a non-trickle peer waits for.
    setTimeout(() => {
      this.iceGatheringState = 'complete';
      this.onicegatheringstatechange?.();
      this.onicecandidate?.({ candidate: null });
    }, 0);
  }

  async setRemoteDescription(description) {
    this.remoteDescription = new RTCSessionDescription(description);
  }

  async addIceCandidate() {}

  async getStats() {
    return new Map();
  }

  close() {
    this.connectionState = 'closed';
  }
}

export const RTCIceTransport = undefined;
export const RTCDataChannel = FakeChannel;
