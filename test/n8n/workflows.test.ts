/**
 * The importable workflows in docs/n8n/ implement the contract: their Code nodes are run here
 * (as n8n runs them: an async function body with $input, $env, $execution, this.helpers,
 * require) against requests signed by the real client code, and their answers pass the
 * client's own response validation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { N8N_ACTIONS, N8N_ENDPOINTS, type N8nAction } from "@/lib/schemas/n8n";
import { interpretResponse } from "@/server/n8n/client";
import { samplePayload } from "@/server/n8n/samples";
import { n8nHeaders } from "@/server/n8n/signing";

type Node = { name: string; type: string; parameters: Record<string, unknown> & { jsCode?: string; path?: string; responseMode?: string; options?: { rawBody?: boolean } } };
type Workflow = { nodes: Node[]; connections: Record<string, { main: { node: string }[][] }> };
const TOKEN = "token-del-workflow-123";
const SECRET = "secreto-del-workflow-0123456789";
const nodeRequire = createRequire(import.meta.url);
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

function load(action: N8nAction): Workflow {
  return JSON.parse(readFileSync(`docs/n8n/${N8N_ENDPOINTS[action]}.json`, "utf8")) as Workflow;
}

async function runCode(node: Node, json: unknown, raw?: Buffer) {
  const staticData: Record<string, unknown> = {};
  const fn = new AsyncFunction("$input", "$env", "$execution", "$getWorkflowStaticData", "require", node.parameters.jsCode!);
  const out = (await fn.call(
    { helpers: { getBinaryDataBuffer: async () => raw } },
    { first: () => ({ json }) },
    { CONTAFLOW_WEBHOOK_TOKEN: TOKEN, CONTAFLOW_SIGNING_SECRET: SECRET },
    { id: "4242" },
    () => staticData,
    nodeRequire,
  )) as { json: Record<string, unknown> }[];
  return out[0]!.json;
}

/** Follows the workflow like n8n would: Webhook → Verificar firma → IF → logic → envelope → respond. */
async function execute(wf: Workflow, headers: Record<string, string>, body: string) {
  const byName = new Map(wf.nodes.map((n) => [n.name, n]));
  const next = (name: string, branch = 0) => byName.get(wf.connections[name]!.main[branch]![0]!.node)!;
  let node = next("Webhook");
  let json = await runCode(node, { headers, body: JSON.parse(body) as unknown }, Buffer.from(body));
  const ifNode = next(node.name);
  node = json.ok ? next(ifNode.name, 0) : next(ifNode.name, 1);
  while (node.type === "n8n-nodes-base.code") {
    json = await runCode(node, json);
    node = next(node.name);
  }
  expect(node.type).toBe("n8n-nodes-base.respondToWebhook");
  return { status: Number(json.statusCode ?? 200), text: JSON.stringify(json.response) };
}

function signedRequest(action: N8nAction, opts: { secret?: string; token?: string; payload?: unknown } = {}) {
  const envelope = { requestId: crypto.randomUUID(), timestamp: new Date().toISOString(), userId: "org-1", action, payload: opts.payload ?? samplePayload(action) };
  const body = JSON.stringify(envelope);
  return { envelope, body, headers: n8nHeaders({ body, token: opts.token ?? TOKEN, signingSecret: opts.secret ?? SECRET, requestId: envelope.requestId, timestamp: envelope.timestamp }) };
}

describe("docs/n8n workflows", () => {
  for (const action of N8N_ACTIONS) {
    describe(action, () => {
      const wf = load(action);

      it("a POST webhook at the contract's path, raw body, answered by a Respond node", () => {
        const hook = wf.nodes.find((n) => n.type === "n8n-nodes-base.webhook")!;
        expect(hook.parameters).toMatchObject({ httpMethod: "POST", path: N8N_ENDPOINTS[action], responseMode: "responseNode", options: { rawBody: true } });
        expect(wf.nodes.filter((n) => n.type === "n8n-nodes-base.respondToWebhook")).toHaveLength(2);
        for (const [from, c] of Object.entries(wf.connections)) {
          expect(wf.nodes.some((n) => n.name === from)).toBe(true);
          for (const out of c.main.flat()) expect(wf.nodes.some((n) => n.name === out.node)).toBe(true);
        }
      });

      it("a request signed by Contaflow gets a response that passes the client's validation", async () => {
        const req = signedRequest(action);
        const res = await execute(wf, req.headers, req.body);
        expect(res.status).toBe(200);
        const { data, executionId } = interpretResponse(action, req.envelope.requestId, res.status, res.text);
        expect(data).toBeTruthy();
        expect(executionId).toBe("4242");
      });

      it("a wrong signature, a wrong token, a stale timestamp → AUTH_FAILED (401)", async () => {
        for (const req of [signedRequest(action, { secret: "otro-secreto-cualquiera-1234" }), signedRequest(action, { token: "otro-token" })]) {
          const res = await execute(wf, req.headers, req.body);
          expect(res.status).toBe(401);
          expect(() => interpretResponse(action, req.envelope.requestId, res.status, res.text)).toThrow(/AUTH_FAILED/);
        }
        const req = signedRequest(action);
        const tampered = await execute(wf, req.headers, req.body.replace(/}$/, ' }'));
        expect(tampered.status).toBe(401);
        const stale = await execute(wf, { ...req.headers, "x-timestamp": new Date(Date.now() - 10 * 60_000).toISOString() }, req.body);
        expect(stale.status).toBe(401);
      });

      it("a signed request with a broken payload → INVALID_PAYLOAD (400)", async () => {
        const req = signedRequest(action, { payload: {} });
        const res = await execute(wf, req.headers, req.body);
        expect(res.status).toBe(400);
        expect(() => interpretResponse(action, req.envelope.requestId, res.status, res.text)).toThrow(/INVALID_PAYLOAD/);
      });
    });
  }

  it("parse-email answers PARSE_FAILED for a text without a movement", async () => {
    const req = signedRequest("parse_email", { payload: { ...samplePayload("parse_email"), body: "Novedades de tu cuenta" } });
    const res = await execute(load("parse_email"), req.headers, req.body);
    expect(() => interpretResponse("parse_email", req.envelope.requestId, res.status, res.text)).toThrow(/PARSE_FAILED/);
  });
});
