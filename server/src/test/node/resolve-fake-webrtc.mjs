// Module resolution hook: `webrtc-polyfill` is answered with fake-webrtc.mjs, everything else as usual.
const fake = new URL('./fake-webrtc.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'webrtc-polyfill') {
    return { url: fake, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
