/**
 * The server side the SDK talks to: the Event API (`POST /e/:key`), app sync
 * (`POST /fn/register`) and step checkpoints (`POST /v1/checkpoint/:runId/async`, checkpoint.ts). Loopback only. JSON answers carry `status`, which the SDK reads.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { logger } from "@/server/log/logger";
import { timingSafeEqual } from "node:crypto";
import { checkpointSteps } from "./checkpoint";
import { localEventKey, localSigningKey } from "./config";
import { ingestEvents } from "./event-router";
import { LIMITS, UNSUPPORTED_TOOL_ERRORS } from "./options";
import { registerApp } from "./registry";
import { hashedSigningKey } from "./signing";
import { DB_RETRY_AFTER_SECONDS, OutageLog } from "@/server/db/availability";

const log = logger.child({ module: "inngest-engine" });

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

class TooLarge extends Error {}

async function readJson(req: IncomingMessage, maxBytes = Infinity): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : null;
}

/** Inngest Cloud's Event API limits (README: "Límites"); the same refusal here, so nothing passes locally that fails there. */
function eventLimitError(list: { name?: unknown }[]): { status: number; error: string } | null {
  if (list.length > LIMITS.maxEventsPerRequest) return { status: 400, error: `Too many events: ${list.length} in one request (the limit is ${LIMITS.maxEventsPerRequest})` };
  for (const e of list) {
    if (!e || typeof e.name !== "string" || !e.name) return { status: 400, error: "Every event needs a name" };
    if (e.name.length > LIMITS.maxEventNameLength) return { status: 400, error: `Event name longer than ${LIMITS.maxEventNameLength} characters: ${e.name.slice(0, 40)}…` };
    const bytes = Buffer.byteLength(JSON.stringify(e));
    if (bytes > LIMITS.maxEventBytes) return { status: 413, error: `Event payload too large: ${e.name} is ${bytes} bytes (the limit is ${LIMITS.maxEventBytes} bytes, 256 KiB)` };
  }
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
    if (!sameSecret(decodeURIComponent(url.pathname.slice(3)), localEventKey())) return send(res, 401, { error: "Event key not found", status: 401 });
    let body: unknown;
    try {
      body = await readJson(req, 3 * 1024 * 1024);
    } catch (e) {
      if (e instanceof TooLarge) return send(res, 413, { error: "Request body too large (the limit is 3 MiB)", status: 413 });
      throw e;
    }
    const list = (Array.isArray(body) ? body : [body]) as { name?: unknown }[];
    const refused = eventLimitError(list);
    if (refused) return send(res, refused.status, { ...refused });
    const ids = await ingestEvents(list as { name: string }[]);
    return send(res, 200, { ids, status: 200 });
  }
  if (req.method === "POST" && url.pathname === "/fn/register") {
    if (!authorized(req)) return send(res, 401, { error: "Invalid signing key", status: 401 });
    const body = (await readJson(req)) as Parameters<typeof registerApp>[0] | null;
    if (!body || !Array.isArray(body.functions)) return send(res, 400, { error: "El registro necesita una lista de funciones (functions)", status: 400 });
    const { modified, refused } = await registerApp(body);
    if (refused.length === 0) return send(res, 200, { ok: true, modified });
    // Inngest refuses the sync; here the valid functions are registered and the rest are named.
    const error = `Funciones rechazadas por el motor embebido (las demás quedaron registradas): ${refused.map((r) => `${r.id} → ${r.reason}`).join("; ")}`;
    log.error({ refused }, "functions refused at sync");
    return send(res, 400, { ok: false, modified, status: 400, error, refused });
  }
  const checkpoint = req.method === "POST" ? /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(url.pathname) : null;
  if (checkpoint) {
    if (!authorized(req)) return send(res, 401, { error: "Invalid signing key", status: 401 });
    let body: unknown;
    try {
      body = await readJson(req, 64 * 1024 * 1024);
    } catch (e) {
      if (e instanceof TooLarge) return send(res, 413, { error: "Checkpoint body too large", status: 413 });
      if (e instanceof SyntaxError) return send(res, 400, { error: "invalid request body", status: 400 });
      throw e;
    }
    const answer = await checkpointSteps(decodeURIComponent(checkpoint[1]!), body as Parameters<typeof checkpointSteps>[1]);
    return send(res, answer.status, answer.status === 200 ? { status: 200 } : { error: answer.error, status: answer.status });
  }
  // Realtime publish and signals (step.realtime.publish, step.sendSignal): not implemented here; the SDK
  // surfaces the status text as the step's error, so it says exactly what is missing.
  if (req.method === "POST" && (url.pathname === "/v1/realtime/publish" || url.pathname === "/v1/signals")) {
    const message = url.pathname === "/v1/signals" ? "step.sendSignal is not supported by the Contaflow embedded engine" : "realtime publish is not supported by the Contaflow embedded engine";
    res.writeHead(501, message, { "content-type": "application/json" });
    return res.end(JSON.stringify({ error: url.pathname === "/v1/signals" ? message : UNSUPPORTED_TOOL_ERRORS.RealtimePublish, status: 501 }));
  }
  send(res, 404, { error: "Not found", status: 404 });
}

export function createEngineServer(): Server {
  // While the database is unreachable the SDK gets a 503 with Retry-After (it retries sends), and
  // the outage is logged once when it starts and once when it ends, not per request.
  const outage = new OutageLog(log, "engine API");
  return createServer((req, res) => {
    handle(req, res)
      .then(() => outage.ok())
      .catch((err: unknown) => {
        if (outage.failed(err)) {
          if (!res.headersSent) {
            res.setHeader("retry-after", String(DB_RETRY_AFTER_SECONDS));
            send(res, 503, { error: "Database unavailable; retry shortly", status: 503 });
          }
          return;
        }
        log.error({ err, url: req.url }, "engine API error");
        if (!res.headersSent) send(res, 500, { error: "Engine error", status: 500 });
      });
  });
}
