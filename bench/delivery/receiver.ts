/**
 * The bench's webhook receiver, in its own process: answers 204 at once and keeps the time it
 * first saw each message id. GET /stats → { requests, ids: { [webhook-id]: epochMs } };
 * POST /reset clears it.
 */
import { createServer } from "node:http";

let requests = 0;
let firstSeen = new Map<string, number>();

const server = createServer((req, res) => {
  if (req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ requests, ids: Object.fromEntries(firstSeen) }));
    return;
  }
  if (req.url === "/reset") {
    requests = 0;
    firstSeen = new Map();
    res.writeHead(204).end();
    return;
  }
  req.resume();
  req.on("end", () => {
    const at = Date.now();
    requests++;
    const id = String(req.headers["webhook-id"] ?? "");
    if (!firstSeen.has(id)) firstSeen.set(id, at);
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY ${typeof address === "object" && address ? address.port : ""}`);
});
