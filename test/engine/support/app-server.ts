/**
 * The inside of a child-process app for crash and fault tests: Inngest functions served by the
 * real SDK on APP_PORT next to the test's own JSON routes, the embedded engine started and
 * synced, then READY on stdout (what app-process.ts waits for).
 * Env: APP_PORT, INNGEST_ENGINE_PORT, DATA_DIR, DATABASE_URL (else PGlite in DATA_DIR).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { Inngest, InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { startEmbeddedEngine, syncApp } from "~/inngest/embedded";

/** A test route: its JSON body (POST) and query string in, a JSON-serializable answer out. */
export type Route = (input: { body: Record<string, unknown>; query: URLSearchParams }) => Promise<unknown>;

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
}

/** `afterSync` runs once the functions are registered, before READY (what the app's register() does). */
export function serveApp(client: Inngest.Any, functions: InngestFunction.Any[], routes: Record<string, Route>, afterSync?: () => Promise<unknown>) {
  const serveUrl = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;
  process.env.INNGEST_SERVE_URL = serveUrl;
  const handler = serve({ client, functions });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://app");
    const route = routes[url.pathname];
    if (!route) return void handler(req, res);
    void readBody(req)
      .then((body) => route({ body, query: url.searchParams }))
      .then(
        (value) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value)),
        (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)),
      );
  });
  server.listen(Number(process.env.APP_PORT), "127.0.0.1", async () => {
    await startEmbeddedEngine({ port: Number(process.env.INNGEST_ENGINE_PORT), sync: false });
    await syncApp(serveUrl, Date.now() + 20_000);
    await afterSync?.();
    console.log("READY");
  });
}
