/**
 * The server side the SDK talks to: the Event API (`POST /e/:key`) and app sync
 * (`POST /fn/register`). Loopback only. JSON answers carry `status`, which the SDK reads.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { logger } from "@/server/log/logger";
import { localSigningKey } from "./config";
import { ingestEvents } from "./event-router";
import { registerApp } from "./registry";
import { hashedSigningKey } from "./signing";

export const EVENT_KEY = "embedded";
const log = logger.child({ module: "inngest-engine" });

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : null;
}

function authorized(req: IncomingMessage): boolean {
  const key = localSigningKey();
  const header = req.headers.authorization ?? "";
  return header === `Bearer ${hashedSigningKey(key)}` || header === `Bearer ${key}`;
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://engine");
  if (req.method === "GET" && url.pathname === "/health") return send(res, 200, { ok: true });
  if (req.method === "POST" && url.pathname.startsWith("/e/")) {
    if (decodeURIComponent(url.pathname.slice(3)) !== EVENT_KEY) return send(res, 401, { error: "Event key not found", status: 401 });
    const body = await readJson(req);
    const list = (Array.isArray(body) ? body : [body]) as { name?: unknown }[];
    if (list.some((e) => !e || typeof e.name !== "string" || !e.name)) return send(res, 400, { error: "Every event needs a name", status: 400 });
    const ids = await ingestEvents(list as { name: string }[]);
    return send(res, 200, { ids, status: 200 });
  }
  if (req.method === "POST" && url.pathname === "/fn/register") {
    if (!authorized(req)) return send(res, 401, { error: "Invalid signing key", status: 401 });
    const { modified } = await registerApp((await readJson(req)) as Parameters<typeof registerApp>[0]);
    return send(res, 200, { ok: true, modified });
  }
  send(res, 404, { error: "Not found", status: 404 });
}

export function createEngineServer(): Server {
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, "engine API error");
      if (!res.headersSent) send(res, 500, { error: "Engine error", status: 500 });
    });
  });
}
