/**
 * The app's real document pipeline in one process, for fault tests: the embedded engine, every
 * Inngest function of the app (parse, webhook fan-out and delivery, sweeps) served by the real SDK,
 * and the app's real route handlers for sign-up/in, uploads, tRPC and /api/v1 — plus:
 *   POST /setup {email, url} → a tenant owned by that user, with a document.processed webhook to `url`
 *   GET  /status?tenantId=   → the tenant's documents (id, status)
 *   GET  /health             → unhandled rejections and uncaught exceptions seen by this process
 * Env: APP_PORT, INNGEST_ENGINE_PORT, DATA_DIR, DATABASE_URL, APP_URL (= this app's origin).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const faults = { unhandledRejections: [] as string[], uncaughtExceptions: [] as string[] };
process.on("unhandledRejection", (reason) => void faults.unhandledRejections.push(String((reason as Error)?.stack ?? reason).slice(0, 500)));
process.on("uncaughtException", (err) => void faults.uncaughtExceptions.push(String(err.stack ?? err).slice(0, 500)));

const [{ serve }, { inngest }, { functions }, { startEmbeddedEngine, syncApp }, { db }, { createId }, { newCredentials }, { recoverAtStartup }, auth, upload, trpc, v1Documents] = await Promise.all([
  import("inngest/node"),
  import("~/inngest/client"),
  import("~/inngest/functions"),
  import("~/inngest/embedded"),
  import("@/server/db/client"),
  import("@/server/ids"),
  import("@/server/webhooks/endpoints/credentials"),
  import("@/server/startup/recover"),
  import("@/app/api/auth/[...all]/route"),
  import("@/app/api/documents/upload/route"),
  import("@/app/api/trpc/[trpc]/route"),
  import("@/app/api/v1/documents/route"),
]);

type Handler = (req: Request) => Promise<Response>;
const routes: [RegExp, Partial<Record<string, Handler>>][] = [
  [/^\/api\/auth\//, { GET: auth.GET, POST: auth.POST }],
  [/^\/api\/documents\/upload$/, { POST: upload.POST }],
  [/^\/api\/trpc\//, { GET: trpc.GET, POST: trpc.POST }],
  [/^\/api\/v1\/documents$/, { GET: (req) => v1Documents.GET(req, undefined) }],
];

const json = (value: unknown) => Response.json(value);
const testRoutes: Record<string, Handler> = {
  "/setup": async (req) => {
    const { email, url } = (await req.json()) as { email: string; url: string };
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const tenant = await db().tenant.create({ data: { name: "Fallas", slug: `fallas-${Date.now()}`, planId: "empresa", memberships: { create: { userId: user.id, role: "OWNER" } } } });
    const id = createId();
    await db().webhookEndpoint.create({ data: { id, tenantId: tenant.id, url, eventTypes: ["document.processed"], ...newCredentials(id).columns } });
    return json({ tenantId: tenant.id });
  },
  "/status": async (req) => json(await db().document.findMany({ where: { tenantId: new URL(req.url).searchParams.get("tenantId") ?? undefined }, select: { id: true, status: true, sha256: true } })),
  "/health": async () => json(faults),
};

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", process.env.APP_URL), { method: req.method, headers, body });
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  const setCookie = response.headers.getSetCookie();
  if (setCookie.length) headers["set-cookie"] = setCookie;
  res.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
}

const serveUrl = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;
process.env.INNGEST_SERVE_URL = serveUrl;
const inngestHandler = serve({ client: inngest, functions });
const server = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://app").pathname;
  const handler = testRoutes[path] ?? routes.find(([re]) => re.test(path))?.[1][req.method ?? "GET"];
  if (!handler) return void inngestHandler(req, res);
  toRequest(req)
    .then(handler)
    .then((response) => send(res, response))
    .catch((err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)));
});
server.listen(Number(process.env.APP_PORT), "127.0.0.1", async () => {
  await startEmbeddedEngine({ port: Number(process.env.INNGEST_ENGINE_PORT), sync: false });
  await syncApp(serveUrl, Date.now() + 30_000);
  void recoverAtStartup(); // as src/instrumentation.ts does after the sync
  console.log("READY");
});
