// Loaded with `node --import ./use-fake-webrtc.mjs`: every import of `webrtc-polyfill` gets the fake.
import { register } from 'node:module';

register('./resolve-fake-webrtc.mjs', import.meta.url);
