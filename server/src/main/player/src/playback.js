// What the viewer lives through: startup time, stalls, time played and buffer, read from the
// media element and hls.js' buffer-stall reports.

export class Playback {
  constructor(video, startedAt) {
    this.video = video;
    this.startedAt = startedAt;
    this.startupMs = null;
    this.stalls = 0;
    this.stallMsDone = 0;
    this.stallSince = null;
    this.playedMs = 0;
    this.lastTime = null;
    this.onFirstFrame = () => {};
    this.handlers = {
      playing: () => this.playing(),
      timeupdate: () => this.timeupdate(),
      waiting: () => this.waiting(),
      seeking: () => { this.lastTime = null; },
    };
    Object.entries(this.handlers).forEach(([e, h]) => video.addEventListener(e, h));
  }

  playing() {
    if (this.startupMs === null) {
      this.startupMs = Math.round(performance.now() - this.startedAt);
      this.onFirstFrame(this.startupMs);
    }
    this.stallEnded();
  }

  timeupdate() {
    const t = this.video.currentTime;
    if (this.lastTime !== null) {
      const delta = t - this.lastTime;
      // Small forward steps are playback; jumps are seeks or live resyncs, not time watched.
      if (delta > 0 && delta < 5) {
        this.playedMs += delta * 1000;
        this.stallEnded();
      }
    }
    this.lastTime = t;
  }

  waiting() {
    if (this.startupMs !== null && !this.video.seeking) this.stalled();
  }

  /** hls.js ran out of buffer (BUFFER_STALLED_ERROR), or the element is waiting for data. */
  stalled() {
    if (this.startupMs === null || this.stallSince !== null) return;
    this.stalls++;
    this.stallSince = performance.now();
  }

  stallEnded() {
    if (this.stallSince === null) return;
    this.stallMsDone += performance.now() - this.stallSince;
    this.stallSince = null;
  }

  /** Time stalled so far, the stall under way included. */
  stallMs() {
    return Math.round(this.stallMsDone + (this.stallSince === null ? 0 : performance.now() - this.stallSince));
  }

  /** Media buffered ahead of the playhead. */
  bufferMs() {
    const { buffered, currentTime } = this.video;
    for (let i = 0; i < buffered.length; i++) {
      if (buffered.start(i) <= currentTime + 0.1 && currentTime <= buffered.end(i)) {
        return Math.round((buffered.end(i) - currentTime) * 1000);
      }
    }
    return 0;
  }

  detach() {
    Object.entries(this.handlers).forEach(([e, h]) => this.video.removeEventListener(e, h));
  }
}
