#!/usr/bin/env bash
# Regenerates the built-in demo clips that the origin loops live:
#   demo     /live/demo/index.m3u8     8 s, 320x180, ~200 kbit/s: light, for a first look and many peers
#   demo-90p /live/demo/90p/index.m3u8 the same 8 s at 160x90, ~70 kbit/s: demo's second rendition, so
#            /live/demo/master.m3u8 offers two (same source, same 2 s keyframes, so the two align)
#   demo-hd  /live/demo-hd/index.m3u8  32 s, 1280x720, ~1.5 Mbit/s: a real stream's bitrate, for measuring
# Usage: server/src/demo/make-demo-clip.sh [demo|demo-90p|demo-hd]   (all when no name is given)
# The sources are ffmpeg's own synthetic pattern and a sine tone, so the clips carry no one's rights.
# A keyframe every 2 s (-g at twice the frame rate, no scene cuts) makes every segment exactly 2 s, so
# the looped timeline stays on the wall clock. The loop is moved on by exactly the clip's length each
# time, so the audio must fill it exactly too: 48 kHz AAC has 1,500 frames of 1,024 samples in 32 s,
# one of which is the encoder's priming, so the tone lasts one frame (1024/48000 s) less.
set -euo pipefail
resources="$(cd "$(dirname "$0")/../.." && pwd)/src/main/resources/org/webp2p/server/origin"

# light NAME SIZE VIDEO-BITRATE MAXRATE BUFSIZE: the light clip, at one size and bitrate.
light() {
  local name="$1" out="$resources/$1"
  mkdir -p "$out" && cd "$out" && rm -f "$name"*.ts "$name.m3u8"
  ffmpeg -hide_banner -loglevel error \
    -f lavfi -i "testsrc=size=$2:rate=25" \
    -f lavfi -i sine=frequency=440:sample_rate=44100 -t 8 \
    -c:v libx264 -preset veryfast -profile:v baseline -pix_fmt yuv420p \
    -b:v "$3" -maxrate "$4" -bufsize "$5" -g 50 -keyint_min 50 -sc_threshold 0 \
    -c:a aac -b:a 48k -ac 1 \
    -f hls -hls_time 2 -hls_list_size 0 -hls_playlist_type vod \
    -hls_segment_filename "$name%d.ts" "$name.m3u8"
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
  demo) light demo 320x180 160k 200k 400k ;;
  demo-90p) light demo-90p 160x90 24k 32k 64k ;;
  demo-hd) hd ;;
  all) light demo 320x180 160k 200k 400k; light demo-90p 160x90 24k 32k 64k; hd ;;
  *) echo "usage: $0 [demo|demo-90p|demo-hd]" >&2; exit 2 ;;
esac
