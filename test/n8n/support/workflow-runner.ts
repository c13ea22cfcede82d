/**
 * Runs the importable docs/n8n workflows as n8n would: their Code nodes as async function bodies
 * with $input, $env, $execution, this.helpers and require, following the connections from the
 * Webhook to a Respond node. `Instance` is how the n8n instance is set up (its environment,
 * whether Code nodes may require crypto or read $env). `serveWorkflows` puts them behind a real
 * HTTP server at /webhook/<endpoint>, for tests of Contaflow's client against them.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { N8N_ENDPOINTS, type N8nAction } from "@/lib/schemas/n8n";

type Node = { name: string; type: string; parameters: Record<string, unknown> & { jsCode?: string; path?: string; responseMode?: string; options?: { rawBody?: boolean } } };
export type Workflow = { nodes: Node[]; connections: Record<string, { main: { node: string }[][] }> };
export const TOKEN = "token-del-workflow-123";
export const SECRET = "secreto-del-workflow-0123456789";
const nodeRequire = createRequire(import.meta.url);
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

export function load(action: N8nAction): Workflow {
  return JSON.parse(readFileSync(`docs/n8n/${N8N_ENDPOINTS[action]}.json`, "utf8")) as Workflow;
}

/** How the n8n instance is set up: its environment variables, and whether Code nodes may require crypto / read $env. */
export type Instance = { env?: Record<string, string | undefined>; cryptoAllowed?: boolean; envAccess?: boolean };

async function runCode(node: Node, json: unknown, raw?: Buffer, instance: Instance = {}) {
  const staticData: Record<string, unknown> = {};
  const vars = { CONTAFLOW_WEBHOOK_TOKEN: TOKEN, CONTAFLOW_SIGNING_SECRET: SECRET, ...instance.env };
  // As n8n does: a disallowed builtin throws on require; blocked env access throws on $env reads.
  const $env = instance.envAccess === false ? new Proxy({}, { get: () => { throw new Error("access to env vars denied"); } }) : vars;
  const req = (id: string) => {
    if (id === "crypto" && instance.cryptoAllowed === false) throw new Error("Cannot find module 'crypto' [line 9]");
    return nodeRequire(id) as unknown;
  };
  const fn = new AsyncFunction("$input", "$env", "$execution", "$getWorkflowStaticData", "require", node.parameters.jsCode!);
  const out = (await fn.call({ helpers: { getBinaryDataBuffer: async () => raw } }, { first: () => ({ json }) }, $env, { id: "4242" }, () => staticData, req)) as { json: Record<string, unknown> }[];
  return out[0]!.json;
}

/** Follows the workflow like n8n would: Webhook → Verificar firma → IF → logic → envelope → respond. */
export async function execute(wf: Workflow, headers: Record<string, string>, body: string, instance: Instance = {}) {
  const byName = new Map(wf.nodes.map((n) => [n.name, n]));
  const next = (name: string, branch = 0) => byName.get(wf.connections[name]!.main[branch]![0]!.node)!;
  let node = next("Webhook");
  let json = await runCode(node, { headers, body: JSON.parse(body) as unknown }, Buffer.from(body), instance);
  const ifNode = next(node.name);
  node = json.ok ? next(ifNode.name, 0) : next(ifNode.name, 1);
  while (node.type === "n8n-nodes-base.code") {
    json = await runCode(node, json, undefined, instance);
    node = next(node.name);
  }
  if (node.type !== "n8n-nodes-base.respondToWebhook") throw new Error(`the workflow ends at ${node.name}, not a Respond node`);
  return { status: Number(json.statusCode ?? 200), text: JSON.stringify(json.response) };
}

/** The workflows of `actions` imported and active in a fake n8n instance set up as `instance`; others answer 404 like n8n. */
export async function serveWorkflows(actions: readonly N8nAction[], instance: Instance = {}) {
  const byEndpoint = new Map(actions.map((a) => [N8N_ENDPOINTS[a], load(a)]));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const wf = byEndpoint.get(/^\/webhook\/([a-z-]+)$/.exec(req.url ?? "")?.[1] ?? "");
      if (!wf) return res.writeHead(404, { "content-type": "application/json" }).end('{"code":404,"message":"The requested webhook is not registered."}');
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      execute(wf, headers, body, instance).then(
        (r) => res.writeHead(r.status, { "content-type": "application/json" }).end(r.text),
        // What real n8n does when a node throws after the webhook promised an answer: 200, empty body.
        () => res.writeHead(200).end(),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
