#!/usr/bin/env bash
# Regenerates the built-in demo clip that the origin loops as /live/demo/index.m3u8.
# A keyframe every 2 s (-g 50 at 25 fps, no scene cuts) makes every segment exactly 2 s, so the
# looped timeline stays on the wall clock.
set -euo pipefail
out="$(cd "$(dirname "$0")/../.." && pwd)/src/main/resources/org/webp2p/server/origin/demo"
mkdir -p "$out"
cd "$out"
rm -f demo*.ts demo.m3u8
ffmpeg -hide_banner -loglevel error \
  -f lavfi -i testsrc=size=320x180:rate=25 \
  -f lavfi -i sine=frequency=440:sample_rate=44100 -t 8 \
  -c:v libx264 -preset veryfast -profile:v baseline -pix_fmt yuv420p \
  -b:v 160k -maxrate 200k -bufsize 400k -g 50 -keyint_min 50 -sc_threshold 0 \
  -c:a aac -b:a 48k -ac 1 \
  -f hls -hls_time 2 -hls_list_size 0 -hls_playlist_type vod \
  -hls_segment_filename 'demo%d.ts' demo.m3u8
ls -l "$out"
