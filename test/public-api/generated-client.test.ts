/**
 * The API as a third-party integration meets it: a client generated from the served OpenAPI
 * document (openapi-typescript at test time; the types must equal the committed
 * generated/contaflow-api.d.ts — regenerate with UPDATE_API_TYPES=1) drives it through openapi-fetch
 * behind a proxy-like difference: the client only knows APP_URL=https://contaflow.example, the app
 * listens on 127.0.0.1 and sees another Host. Every answer is validated against the served
 * document (the operation's declared status, content type and schema, unknown fields refused),
 * and every URL handed out must be APP_URL's. The flow: token → upload → status URL → webhook
 * endpoint → stale correction 412 → current 200 → the webhook receiver gets document.updated with
 * the API's document → the events list returns exactly what the receiver got → Idempotency-Key.
 * (defaultNonNullable: false — a request field with a default is optional to send.)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import createClient from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const PUBLIC = vi.hoisted(() => {
  process.env.APP_URL = "https://contaflow.example";
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  return "https://contaflow.example";
});

import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { EVENTS_SETTLE_MS } from "@/server/public-api/events";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { startReceiver, type Receiver } from "../webhooks/support/receiver";
import type { paths } from "./generated/contaflow-api";
import { documentRow, ownerWithClient, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { basic } from "./support/oauth-client";

const TYPES_FILE = join(__dirname, "generated", "contaflow-api.d.ts");
type Json = Record<string, unknown>;
type OpenApi = { servers: { url: string }[]; paths: Record<string, Record<string, { responses: Record<string, Json> }>>; components: { schemas: Json; responses: Record<string, Json>; securitySchemes: { oauth2: { flows: Record<string, Record<string, string>> } } } };

let server: Awaited<ReturnType<typeof startApiServer>>;
let receiver: Receiver;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let served: OpenApi;
let client: ReturnType<typeof createClient<paths>>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
/** Every answer the client received, validated: "METHOD /path STATUS". */
const validated: string[] = [];
/** Every absolute URL found in an answer (headers and bodies), with where it was found. */
const handedOut: { at: string; url: string }[] = [];

/** The reverse proxy: https://contaflow.example/… → http://127.0.0.1:<port>/… with another Host. */
async function viaProxy(input: Request): Promise<Response> {
  const target = new URL(input.url);
  expect(target.origin, "the client only ever calls APP_URL").toBe(PUBLIC);
  const headers = new Headers(input.headers);
  headers.set("host", "internal-lb:8080");
  const body = input.method === "GET" || input.method === "HEAD" ? undefined : await input.arrayBuffer();
  return fetch(`${server.url}${target.pathname}${target.search}`, { method: input.method, headers, body });
}

/** The served document with every object closed again (the document leaves them open for additive v1). */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "examples" || k === "example" ? v : closed(v)]));
  return "properties" in node && !("additionalProperties" in node) ? { ...out, additionalProperties: false } : out;
}

function collectUrls(value: unknown, at: string) {
  if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) handedOut.push({ at, url: value });
  else if (Array.isArray(value)) value.forEach((v, i) => collectUrls(v, `${at}[${i}]`));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) collectUrls(v, `${at}.${k}`);
}

/** openapi-fetch middleware: the answer must be one the document declares, and match its schema. */
async function checkAnswer(request: Request, response: Response, schemaPath: string) {
  const at = `${request.method} ${schemaPath} ${response.status}`;
  const operation = served.paths[schemaPath]?.[request.method.toLowerCase()];
  expect(operation, `${at}: operation not in the document`).toBeDefined();
  let declared = operation!.responses[String(response.status)];
  expect(declared, `${at}: status not declared`).toBeDefined();
  if (typeof declared!.$ref === "string") declared = served.components.responses[declared!.$ref.split("/").pop()!];
  const text = await response.clone().text();
  const type = response.headers.get("content-type")?.split(";")[0] ?? "";
  const content = declared!.content as Record<string, { schema: Json }> | undefined;
  if (!content) expect(text, `${at}: declared without a body`).toBe("");
  else {
    expect(content[type], `${at}: content type ${type} not declared`).toBeDefined();
    const schema = content[type]!.schema;
    const validate = typeof schema.$ref === "string" ? ajv.getSchema(`openapi${schema.$ref}`)! : ajv.compile(closed(schema) as object);
    const body: unknown = JSON.parse(text);
    expect(validate(body), `${at}: ${JSON.stringify(validate.errors)}`).toBe(true);
    // The document's own examples are sample data; its URLs are checked by name below.
    if (schemaPath !== "/api/v1/openapi.json") collectUrls(body, at);
  }
  for (const h of ["location", "content-location", "link"]) if (response.headers.get(h)) handedOut.push({ at: `${at} ${h}`, url: response.headers.get(h)! });
  validated.push(at);
}

beforeAll(async () => {
  resetEnvCache();
  server = await startApiServer();
  receiver = await startReceiver();
  ctx = await ownerWithClient({ planId: "empresa" });
  served = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as OpenApi;
  ajv.addSchema({ $id: "openapi", components: closed(served.components) as object });
  client = createClient<paths>({ baseUrl: PUBLIC, fetch: viaProxy });
  client.use({ onResponse: async ({ request, response, schemaPath }) => void (await checkAnswer(request, response, schemaPath)) });
});
afterAll(async () => {
  await receiver.close();
  await server.close();
});

describe("client generated from the served OpenAPI document, behind a proxy", () => {
  it("the generated types are the committed ones (the client below is typed by what the server serves)", async () => {
    const generated = `// Generated by openapi-typescript from /api/v1/openapi.json (test/public-api/generated-client.test.ts). Do not edit.\n${astToString(await openapiTS(served as unknown as Parameters<typeof openapiTS>[0], { defaultNonNullable: false }))}`;
    if (process.env.UPDATE_API_TYPES === "1") writeFileSync(TYPES_FILE, generated);
    expect(generated).toBe(readFileSync(TYPES_FILE, "utf8"));
  });

  it("token, upload, webhook endpoint, stale and current corrections, the events list = what the receiver got, idempotent replay", { timeout: 90_000 }, async () => {
    const doc = await client.GET("/api/v1/openapi.json");
    const api = doc.data as unknown as OpenApi;
    expect(api.servers).toEqual([{ url: PUBLIC }]);
    expect(Object.values(api.components.securitySchemes.oauth2.flows).flatMap((f) => Object.entries(f).filter(([k]) => k.endsWith("Url")).map(([, v]) => v)).every((u) => u.startsWith(`${PUBLIC}/`))).toBe(true);

    const token = await client.POST("/api/oauth/token", {
      body: { grant_type: "client_credentials" },
      bodySerializer: (b) => new URLSearchParams(b as Record<string, string>),
      headers: { authorization: basic(ctx.client.clientId, ctx.secret), "content-type": "application/x-www-form-urlencoded" },
    });
    expect(token.response.status).toBe(200);
    const auth = { authorization: `Bearer ${token.data!.access_token}` };

    // Upload → 202 with a status URL on APP_URL, which the client follows as handed out.
    const form = new FormData();
    form.append("file", new Blob([pdfBytes("generated-client") as BlobPart], { type: "application/pdf" }), "factura.pdf");
    const upload = await client.POST("/api/v1/parse", { headers: auth, body: form as never, bodySerializer: (b) => b as unknown as FormData });
    expect(upload.response.status).toBe(202);
    const statusPath = new URL(upload.data!.statusUrl).pathname;
    expect(upload.data!.statusUrl).toBe(`${PUBLIC}${statusPath}`);
    const status = await client.GET("/api/v1/parse/{id}", { headers: auth, params: { path: { id: upload.data!.id } } });
    expect(status.data).toMatchObject({ id: upload.data!.id, done: false, fields: null });

    // A webhook endpoint, managed through the API, pointed at a real receiver.
    const hook = await client.POST("/api/v1/webhooks", { headers: auth, body: { url: receiver.url, eventTypes: ["document.updated"] } });
    expect(hook.response.status).toBe(201);
    expect(hook.response.headers.get("location")).toBe(`${PUBLIC}/api/v1/webhooks/${hook.data!.endpoint.id}`);
    expect((await client.GET("/api/v1/webhooks", { headers: auth })).data!.data.map((e) => e.id)).toEqual([hook.data!.endpoint.id]);

    // Optimistic concurrency on a correction.
    const row = await documentRow(ctx.tenant.id, 1, { total: 1000, tipo: "FACTURA_A", puntoVenta: 1, numero: 7n, iva: [{ rate: 21, base: 826.45, amount: 173.55 }] });
    const got = await client.GET("/api/v1/documents/{id}", { headers: auth, params: { path: { id: row.id } } });
    expect(got.data!.fields).toMatchObject({ total: "1000.00", iva: [{ rate: "21", base: "826.45", amount: "173.55" }] });
    const etag = got.response.headers.get("etag")!;
    expect(etag).toBe(`"${got.data!.version}"`);
    const stale = await client.PATCH("/api/v1/documents/{id}", { params: { path: { id: row.id }, header: { "If-Match": `"${got.data!.version + 1}"` } }, headers: auth, body: { fields: { total: "1210.50" } } });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ code: "PRECONDITION_FAILED" });
    const ok = await client.PATCH("/api/v1/documents/{id}", { params: { path: { id: row.id }, header: { "If-Match": etag } }, headers: auth, body: { fields: { total: "1210.50" } } });
    expect(ok.response.status).toBe(200);
    expect(ok.data).toMatchObject({ version: got.data!.version + 1, corrections: 1, fields: { total: "1210.50" } });

    // The receiver gets document.updated (delivered as the fan-out function does), carrying the API's document.
    const outbox = await db().domainEvent.findMany({ where: { tenantId: ctx.tenant.id, type: "document.updated" } });
    expect(outbox).toHaveLength(1);
    for (const d of await fanOutDomainEvent(outbox[0]!.id)) expect(await attemptDelivery(d.deliveryId, 1)).toEqual({ action: "delivered" });
    const received = receiver.requests.map((r) => ({ id: r.headers["webhook-id"], payload: JSON.parse(r.body.toString("utf8")) as Json }));
    expect(received).toHaveLength(1);
    expect(received[0]!.payload).toMatchObject({ type: "document.updated", version: 2, documentoId: row.id, camposCorregidos: ["total"], total: 1210.5, document: ok.data });
    collectUrls(received[0]!.payload, "webhook document.updated");

    // The events list returns exactly what the receiver got.
    await new Promise((r) => setTimeout(r, EVENTS_SETTLE_MS + 200));
    const events = await client.GET("/api/v1/events", { headers: auth });
    expect(events.data!.data.map((e) => ({ id: e.id, payload: e.payload }))).toEqual(received);
    const after = await client.GET("/api/v1/events", { headers: auth, params: { query: { after: events.data!.nextCursor! } } });
    expect(after.data).toEqual({ data: [], nextCursor: events.data!.nextCursor });

    // The correction shows up in incremental sync.
    const changed = await client.GET("/api/v1/documents", { headers: auth, params: { query: { updatedSince: got.data!.updatedAt } } });
    expect(changed.data!.data.map((d) => d.id)).toContain(row.id);

    // Idempotency-Key: the same POST twice runs once.
    const key = `gen-${Math.random().toString(36).slice(2)}`;
    const reprocess = () => client.POST("/api/v1/documents/{id}/reprocess", { headers: auth, params: { path: { id: row.id }, header: { "Idempotency-Key": key } } });
    const first = await reprocess();
    expect(first.response.status).toBe(202);
    expect(first.response.headers.get("location")).toBe(`${PUBLIC}/api/v1/parse/${row.id}`);
    const second = await reprocess();
    expect(second.response.headers.get("idempotent-replayed")).toBe("true");
    expect(second.data).toEqual(first.data);

    // Errors are answers too: validated like the rest.
    expect((await client.GET("/api/v1/documents/{id}", { headers: auth, params: { path: { id: "no-existe" } } })).response.status).toBe(404);
    expect((await client.GET("/api/v1/documents", { headers: auth, params: { query: { limit: 0 } } })).response.status).toBe(400);
    expect((await client.GET("/api/v1/documents", { headers: { authorization: "Bearer nope" } })).response.status).toBe(401);

    // Every answer was checked against the document; every URL handed out (but the receiver's own) is APP_URL's.
    expect(validated).toHaveLength(17); // every call above
    const urls = handedOut.filter((u) => u.url !== receiver.url && !u.at.endsWith(".type"));
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(urls.filter((u) => !u.url.startsWith(`${PUBLIC}/`))).toEqual([]);
  });
});
