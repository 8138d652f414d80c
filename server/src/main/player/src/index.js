// The one script the origin serves at /play/webp2p-player.js. On the origin's own player page it
// starts that page; anywhere else it only defines WebP2P.attach for embedding.

import { attach, capabilities } from "./player.js";
import { startPage } from "./page.js";

const WebP2P = { attach, capabilities, version: __VERSION__ };
window.WebP2P = WebP2P;

const pageConfig = document.getElementById("webp2p-page");
if (pageConfig) startPage(JSON.parse(pageConfig.textContent));
