/**
 * The one place the TCP peer address enters the app. A random header name per process, always
 * overwritten here, so a client can neither guess nor forge it; src/server/http/client-address.ts
 * reads it (and X-Forwarded-For only from TRUSTED_PROXIES).
 */
import { randomBytes } from "node:crypto";

/** Sets CONTAFLOW_PEER_HEADER for this process (the app reads it from process.env). */
export function installPeerHeader() {
  process.env.CONTAFLOW_PEER_HEADER = `x-contaflow-peer-${randomBytes(12).toString("hex")}`;
  return process.env.CONTAFLOW_PEER_HEADER;
}

/** Replaces any client-sent value with the socket's remote address. */
export function stampPeer(req, name) {
  if (!name) return;
  for (const key of Object.keys(req.headers)) if (key.startsWith("x-contaflow-peer")) delete req.headers[key];
  req.headers[name] = req.socket.remoteAddress ?? "";
}
