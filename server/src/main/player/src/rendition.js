// The rendition a variant is, named as the origin, the SDK and the tracker name it (the Java side's
// org.webp2p.protocol.RenditionName): the directory its media playlist is in, relative to the master
// playlist's, such as 180p for .../demo/180p/index.m3u8 under .../demo/master.m3u8. Its swarm is
// STREAM/RENDITION, and beacons that name it count their bytes for it.

const NAME = /^[A-Za-z0-9._~-]+$/;
// Require.SWARM in the protocol module: a beacon naming a rendition whose swarm breaks it is refused whole.
const SWARM = /^(?=.{1,128}$)(?!(?:.*\/)?\.\.?(?:\/|$))[A-Za-z0-9._~-]+(?:\/[A-Za-z0-9._~-]+)*$/;

/**
 * The rendition name of the variant at `variantUrl` in the master playlist at `masterUrl` (both
 * absolute, as hls.js resolves them), or null when it has none a beacon of `swarm` may carry: a
 * variant elsewhere, in the master playlist's own directory or nested deeper, or a bare media playlist.
 */
export function renditionName(swarm, masterUrl, variantUrl) {
  let master;
  let variant;
  try {
    master = new URL(masterUrl);
    variant = new URL(variantUrl);
  } catch {
    return null;
  }
  if (master.origin !== variant.origin) return null;
  const dir = master.pathname.slice(0, master.pathname.lastIndexOf("/") + 1);
  if (!variant.pathname.startsWith(dir)) return null;
  const rest = variant.pathname.slice(dir.length);
  const slash = rest.lastIndexOf("/");
  const name = slash > 0 ? rest.slice(0, slash) : "";
  if (!NAME.test(name) || name === "." || name === "..") return null;
  return SWARM.test(`${swarm}/${name}`) ? name : null;
}
