// The API side of a player: opening a session and renewing its plan (docs/protocol.md, "API").

/** An error the viewer should read: the API's own reason when it gave one. */
export class PlayerError extends Error {
  constructor(message, code) {
    super(message);
    this.name = "PlayerError";
    this.code = code;
  }
}

async function readJson(response, what) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: the status line is all there is to say.
  }
  if (!response.ok) {
    const reason = body && body.reason ? body.reason : `${response.status} ${response.statusText}`;
    throw new PlayerError(`${what}: ${reason}`, body && body.code ? body.code : `http_${response.status}`);
  }
  return body;
}

async function call(url, init, what) {
  let response;
  try {
    response = await fetch(url, { ...init, cache: "no-store" });
  } catch (e) {
    throw new PlayerError(`${what}: cannot reach ${new URL(url).origin} (${e.message})`, "unreachable");
  }
  return readJson(response, what);
}

/** POST /v1/sessions as a browser client with its peer id, which the plan's tickets then name; resolves with the plan. */
export function openSession(api, stream, token, peerId) {
  const body = { stream, client: "browser", peerId };
  if (token) body.token = token;
  return call(`${api}/v1/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }, "The stream cannot start");
}

/** GET /v1/sessions/{id}: the plan decided anew, which also keeps the session alive. */
export function renewSession(api, sessionId) {
  return call(`${api}/v1/sessions/${encodeURIComponent(sessionId)}`, { method: "GET" }, "Session renewal failed");
}

/** ICE servers from the plan's STUN endpoints ("host:port"); never the public defaults. */
export function iceServers(stun) {
  return (stun || []).map((hostPort) => ({ urls: `stun:${hostPort}` }));
}
