// Two unmodified bittorrent-tracker clients join one swarm on the tracker given and must exchange an
// offer and its answer through it. Prints one JSON line per event and a last line with the outcome;
// exits 0 when both sides saw the other, 1 otherwise. The client pools sockets by URL, so b's URL gets
// a query of its own: two sockets, as two browsers would have.
//   node --import ./use-fake-webrtc.mjs exchange.mjs ws://127.0.0.1:PORT/announce INFO_HASH
import Client from 'bittorrent-tracker';

const [announce, infoHash] = process.argv.slice(2);
const hex = (text) => Buffer.from(text, 'latin1').toString('hex');
const say = (event) => console.log(JSON.stringify(event));

function client(name, peerId, url) {
  const c = new Client({ infoHash: hex(infoHash), peerId: hex(peerId), announce: [url], port: 6881 });
  c.on('warning', (err) => say({ client: name, warning: err.message }));
  c.on('error', (err) => say({ client: name, error: err.message }));
  return c;
}

const a = client('a', '-PM0203-aaaaaaaaaaaa', announce);
const b = client('b', '-PM0203-bbbbbbbbbbbb', `${announce}?client=b`);
const seen = { a: null, b: null, updates: [] };

const done = () => {
  if (seen.a && seen.b) {
    say({ outcome: 'exchanged', ...seen });
    // Not destroy(): this runs inside the client's own message handler, which goes on after it.
    setImmediate(() => process.exit(0));
  }
};
// `peer` on the answering side: an offer arrived from the other client.
a.on('peer', (peer) => { seen.a = peer.id; done(); });
// `peer` on the offering side: the answer to one of its offers came back.
b.on('peer', (peer) => { seen.b = peer.id; done(); });

a.once('update', (data) => {
  seen.updates.push({ client: 'a', complete: data.complete, incomplete: data.incomplete });
  b.once('update', (d) => seen.updates.push({ client: 'b', complete: d.complete, incomplete: d.incomplete }));
  b.start();
});
a.start();

setTimeout(() => {
  say({ outcome: 'timeout', ...seen });
  process.exit(1);
}, 15000);
