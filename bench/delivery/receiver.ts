/**
 * The bench's webhook receiver, in its own process, doing what the receiver guide tells one to:
 * every request is verified with BOTH signature families — Standard Webhooks (webhook-signature
 * with the whsec_ secret) and the contract (X-Signature, hex HMAC of the raw body, plus the
 * X-Webhook-Token) — before it answers 204; a request failing either gets 401 and is counted.
 * Endpoints are paths /hook/<name>, each with its own credentials (POST /config).
 *   POST /config {[name]: {secret, token}} · POST /reset · GET /stats →
 *   { requests, rejected, first: {"<name> <webhook-id>": epochMs} } (first verified arrival per delivery)
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { Webhook } from "standardwebhooks";

type Credentials = { secret: string; token: string; standard: Webhook };
let endpoints = new Map<string, Credentials>();
let requests = 0;
let rejected = 0;
let first = new Map<string, number>();

async function body(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function verified(creds: Credentials, headers: Record<string, string>, raw: Buffer): boolean {
  try {
    creds.standard.verify(raw.toString("utf8"), headers);
  } catch {
    return false;
  }
  const expected = Buffer.from(createHmac("sha256", creds.secret).update(raw).digest("hex"));
  const got = Buffer.from(headers["x-signature"] ?? "");
  return got.length === expected.length && timingSafeEqual(got, expected) && headers["x-webhook-token"] === creds.token;
}

const server = createServer((req, res) => {
  void body(req).then((raw) => {
    if (req.url === "/stats") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ requests, rejected, first: Object.fromEntries(first) }));
    if (req.url === "/reset") {
      requests = 0;
      rejected = 0;
      first = new Map();
      return void res.writeHead(204).end();
    }
    if (req.url === "/config") {
      const config = JSON.parse(raw.toString("utf8")) as Record<string, { secret: string; token: string }>;
      endpoints = new Map(Object.entries(config).map(([name, c]) => [name, { ...c, standard: new Webhook(c.secret) }]));
      return void res.writeHead(204).end();
    }
    const at = Date.now();
    requests++;
    const name = /^\/hook\/([\w-]+)$/.exec(req.url ?? "")?.[1] ?? "";
    const creds = endpoints.get(name);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    if (!creds || !verified(creds, headers, raw)) {
      rejected++;
      return void res.writeHead(401).end();
    }
    const key = `${name} ${headers["webhook-id"]}`;
    if (!first.has(key)) first.set(key, at);
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY ${typeof address === "object" && address ? address.port : ""}`);
});
