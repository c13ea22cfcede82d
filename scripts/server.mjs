#!/usr/bin/env node
/**
 * The production server: Next's request handler behind a plain Node HTTP server, so the app
 * learns the real TCP peer address (route handlers under `next start` only see headers, and
 * Next passes a client-sent X-Forwarded-For through). Same flags as `next start`: -H host, -p port.
 */
import { createServer } from "node:http";
import next from "next";
import { installPeerHeader, stampPeer } from "./peer-header.mjs";

const arg = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const hostname = arg("-H") ?? process.env.HOST ?? "127.0.0.1";
const port = Number(arg("-p") ?? process.env.PORT ?? 3000);
const header = installPeerHeader();

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
createServer((req, res) => {
  stampPeer(req, header);
  void handle(req, res);
}).listen(port, hostname, () => console.log(`▲ Contaflow listening on http://${hostname}:${port}`));
