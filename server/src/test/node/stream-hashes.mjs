// Prints, for each JSON rendition on stdin ({swarmId, type, props}), the short id and info hash that
// p2p-media-loader-core 2.3.1 itself derives: generateStreamShortId, getStreamSwarmId and
// getStreamHash, read from the package's own compiled files (its index needs a bundler, and its
// exports map hides them from a bare import).
//   node stream-hashes.mjs < renditions.json
const utils = new URL('./node_modules/p2p-media-loader-core/lib/utils/', import.meta.url);
const { getStreamHash } = await import(new URL('peer.js', utils).href);
const { generateStreamShortId, getStreamSwarmId } = await import(new URL('stream.js', utils).href);

let input = '';
for await (const chunk of process.stdin) input += chunk;
for (const { swarmId, type, props } of JSON.parse(input)) {
  const index = generateStreamShortId(props);
  console.log(JSON.stringify({ index, infoHash: getStreamHash(getStreamSwarmId(swarmId, { type, index })) }));
}
