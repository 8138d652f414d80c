#!/usr/bin/env bash
# Regenerates the built-in demo clips that the origin loops live:
#   demo     /live/demo/index.m3u8     8 s, 320x180, ~200 kbit/s: light, for a first look and many peers
#   demo-hd  /live/demo-hd/index.m3u8  32 s, 1280x720, ~1.5 Mbit/s: a real stream's bitrate, for measuring
# Usage: server/src/demo/make-demo-clip.sh [demo|demo-hd]   (both when no name is given)
# The sources are ffmpeg's own synthetic pattern and a sine tone, so the clips carry no one's rights.
# A keyframe every 2 s (-g at twice the frame rate, no scene cuts) makes every segment exactly 2 s, so
# the looped timeline stays on the wall clock. The loop is moved on by exactly the clip's length each
# time, so the audio must fill it exactly too: 48 kHz AAC has 1,500 frames of 1,024 samples in 32 s,
# one of which is the encoder's priming, so the tone lasts one frame (1024/48000 s) less.
set -euo pipefail
resources="$(cd "$(dirname "$0")/../.." && pwd)/src/main/resources/org/webp2p/server/origin"

light() {
  local out="$resources/demo"
  mkdir -p "$out" && cd "$out" && rm -f demo*.ts demo.m3u8
  ffmpeg -hide_banner -loglevel error \
    -f lavfi -i testsrc=size=320x180:rate=25 \
    -f lavfi -i sine=frequency=440:sample_rate=44100 -t 8 \
    -c:v libx264 -preset veryfast -profile:v baseline -pix_fmt yuv420p \
    -b:v 160k -maxrate 200k -bufsize 400k -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 48k -ac 1 \
    -f hls -hls_time 2 -hls_list_size 0 -hls_playlist_type vod \
    -hls_segment_filename 'demo%d.ts' demo.m3u8
  ls -l "$out"
}

# The moving pattern with a little temporal noise on top: a clean test card compresses to a fraction of
# the target, and constant-bitrate padding would then be filler bytes no real picture has. With the
# noise, x264 spends the bits on the picture; nal-hrd=cbr holds each 2 s segment near 1.5 Mbit/s.
hd() {
  local out="$resources/demo-hd"
  mkdir -p "$out" && cd "$out" && rm -f demo-hd*.ts demo-hd.m3u8
  ffmpeg -hide_banner -loglevel error \
    -f lavfi -i "testsrc2=size=1280x720:rate=25,noise=alls=6:allf=t" \
    -f lavfi -i "sine=frequency=330:sample_rate=48000:beep_factor=4:duration=31.978667" -t 32 \
    -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p \
    -b:v 1350k -minrate 1350k -maxrate 1350k -bufsize 1350k -x264-params nal-hrd=cbr \
    -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 96k -ac 2 \
    -f hls -hls_time 2 -hls_list_size 0 -hls_playlist_type vod \
    -hls_segment_filename 'demo-hd%d.ts' demo-hd.m3u8
  ls -l "$out"
}

case "${1:-all}" in
  demo) light ;;
  demo-hd) hd ;;
  all) light; hd ;;
  *) echo "usage: $0 [demo|demo-hd]" >&2; exit 2 ;;
esac
