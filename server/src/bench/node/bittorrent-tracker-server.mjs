// The npm bittorrent-tracker server (WebSocket only, as browsers use it) for the tracker benchmark.
// Prints "port N" once listening; on a stdin line "heap" collects garbage and prints
// "heap USED_BYTES RSS_BYTES". The bench reads its CPU time from /proc.
// Run with: node --expose-gc bittorrent-tracker-server.mjs
import Server from 'bittorrent-tracker/server';
import { createInterface } from 'node:readline';

const server = new Server({ udp: false, http: false, ws: true, stats: false, trustProxy: false });
server.on('warning', () => {});
server.on('error', (err) => console.error(err.message));
server.on('listening', () => console.log(`port ${server.ws.address().port}`));
server.listen(0, '127.0.0.1');

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'heap') {
    global.gc();
    global.gc();
    const m = process.memoryUsage();
    console.log(`heap ${m.heapUsed} ${m.rss}`);
  }
});
process.stdin.on('end', () => process.exit(0));
