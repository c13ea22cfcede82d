/**
 * The importable workflows in docs/n8n/ implement the contract: their Code nodes are run here
 * (as n8n runs them: an async function body with $input, $env, $execution, this.helpers,
 * require) against requests signed by the real client code, and their answers pass the
 * client's own response validation.
 */
import { describe, expect, it } from "vitest";
import { N8N_ACTIONS, N8N_ENDPOINTS, type N8nAction } from "@/lib/schemas/n8n";
import { interpretResponse } from "@/server/n8n/client";
import { samplePayload } from "@/server/n8n/samples";
import { n8nHeaders } from "@/server/n8n/signing";
import { execute, load, SECRET, TOKEN, type Instance } from "./support/workflow-runner";

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

  describe("what the contract asks, no more", () => {
    const wf = load("sync_user");
    const errorsOf = (text: string) => (JSON.parse(text) as { errors: { code: string; details?: Record<string, unknown> }[] }).errors;

    it("any valid ISO 8601 X-Timestamp within the skew, not only the body's exact spelling", async () => {
      const req = signedRequest("sync_user");
      const now = new Date();
      for (const stamp of [now.toISOString().replace(/\.\d{3}Z$/, "Z"), now.toISOString().replace("Z", "+00:00")]) {
        expect((await execute(wf, { ...req.headers, "x-timestamp": stamp }, req.body)).status, stamp).toBe(200);
      }
      // Buenos Aires time for the same instant.
      const local = new Date(now.getTime() - 3 * 3600_000).toISOString().replace("Z", "-03:00");
      expect((await execute(wf, { ...req.headers, "x-timestamp": local }, req.body)).status).toBe(200);
      // Two minutes old: inside the default 300 s, outside a configured 60 s.
      const old = new Date(now.getTime() - 120_000).toISOString();
      expect((await execute(wf, { ...req.headers, "x-timestamp": old }, req.body)).status).toBe(200);
      const strict = await execute(wf, { ...req.headers, "x-timestamp": old }, req.body, { env: { CONTAFLOW_MAX_SKEW_SECONDS: "60" } });
      expect(strict.status).toBe(401);
      expect(errorsOf(strict.text)[0]).toMatchObject({ code: "AUTH_FAILED", details: { header: "X-Timestamp", maxSkewSeconds: 60 } });
      expect((await execute(wf, { ...req.headers, "x-timestamp": "ayer" }, req.body)).status).toBe(401);
    });

    it("every error carries the contract's details", async () => {
      const req = signedRequest("sync_user");
      const answers = [
        await execute(wf, req.headers, req.body.replace(/}$/, " }")),
        await execute(wf, { ...req.headers, "x-webhook-token": "otro" }, req.body),
        await execute(wf, ...(() => { const r = signedRequest("sync_user", { payload: {} }); return [r.headers, r.body] as const; })()),
      ];
      for (const a of answers) expect(errorsOf(a.text)[0]!.details).toEqual(expect.any(Object));
      expect(errorsOf(answers[2]!.text)[0]).toMatchObject({ code: "INVALID_PAYLOAD", details: { field: "payload.syncType" } });
    });

    it("a missing n8n setting is named (INTERNAL_ERROR with details.setting), not an empty 200", async () => {
      const req = signedRequest("sync_user");
      const cases: [Instance, string][] = [
        [{ cryptoAllowed: false }, "NODE_FUNCTION_ALLOW_BUILTIN"],
        [{ envAccess: false }, "N8N_BLOCK_ENV_ACCESS_IN_NODE"],
        [{ env: { CONTAFLOW_WEBHOOK_TOKEN: undefined } }, "CONTAFLOW_WEBHOOK_TOKEN"],
        [{ env: { CONTAFLOW_SIGNING_SECRET: "" } }, "CONTAFLOW_SIGNING_SECRET"],
      ];
      for (const [instance, setting] of cases) {
        const res = await execute(wf, req.headers, req.body, instance);
        expect(res.status).toBe(500);
        expect(errorsOf(res.text)[0]).toMatchObject({ code: "INTERNAL_ERROR", details: { setting } });
      }
    });
  });

  describe("parse-email template: the contract's samples and common Argentine bank notices", () => {
    const wf = load("parse_email");
    const parse = async (from: string, subject: string, body: string) => {
      const req = signedRequest("parse_email", { payload: { ...samplePayload("parse_email"), from, subject, body, bank: from.split("@")[1]?.split(".")[0] ?? "" } });
      const res = await execute(wf, req.headers, req.body);
      return interpretResponse("parse_email", req.envelope.requestId, res.status, res.text).data.transaction;
    };
    const cases: [string, string, string, string, Record<string, unknown>][] = [
      ["contract sample (Bancolombia)", "alertasynotificaciones@bancolombia.com.co", "Bancolombia le informa", "Se ha realizado una compra por $45,000 en EXITO...", { type: "expense", amount: 45000, currency: "COP", merchant: "EXITO" }],
      ["Galicia, card purchase", "avisos@bancogalicia.com.ar", "Aviso de compra", "Realizaste una compra por $ 45.000,00 en SUPERMERCADO COTO con tu tarjeta terminada en 1234.", { type: "expense", amount: 45000, currency: "ARS", merchant: "SUPERMERCADO COTO", accountLastFour: "1234" }],
      ["Santander, debit", "avisos@santander.com.ar", "Aviso de débito", "Se debitó una compra por $ 8.999,00 en NETFLIX.COM con tu tarjeta terminada en 9876.", { type: "expense", amount: 8999, merchant: "NETFLIX.COM", accountLastFour: "9876" }],
      ["BBVA, labelled fields", "alertas@bbva.com.ar", "Compra con tarjeta", "Compra con tarjeta de débito. Comercio: MERCADOLIBRE. Importe: $ 12.500,50. Tarjeta terminada en 4321.", { type: "expense", amount: 12500.5, merchant: "MERCADOLIBRE", accountLastFour: "4321" }],
      ["transfer received into an account", "avisos@bancomacro.com.ar", "Transferencia recibida", "Recibiste una transferencia de $ 250.000,00 de EMPRESA SAS en tu cuenta *9012.", { type: "income", amount: 250000, merchant: "EMPRESA SAS", accountLastFour: "9012" }],
      ["Mercado Pago payment", "info@mercadopago.com.ar", "Pagaste a RAPPI", "Pagaste $ 3.250 a RAPPI ARGENTINA con tu dinero en cuenta de Mercado Pago.", { type: "expense", amount: 3250, merchant: "RAPPI ARGENTINA" }],
      ["Brubank, dollars", "hola@brubank.com", "Compra en el exterior", "Hiciste una compra de USD 15,99 en SPOTIFY con tu tarjeta Visa terminada en 5555.", { type: "expense", amount: 15.99, currency: "USD", merchant: "SPOTIFY", accountLastFour: "5555" }],
      ["Macro, transfer sent", "avisos@macro.com.ar", "Transferencia enviada", "Transferencia enviada por $ 20.000,00 a JUAN PEREZ, CBU 2850590940090418135201.", { type: "expense", amount: 20000, merchant: "JUAN PEREZ" }],
      ["Naranja X, approved purchase", "avisos@naranjax.com", "Consumo aprobado", "Consumo aprobado: $ 5.600,00 en FARMACITY. Tarjeta Naranja X ****7788.", { type: "expense", amount: 5600, merchant: "FARMACITY", accountLastFour: "7788" }],
    ];
    for (const [name, from, subject, body, expected] of cases) {
      it(name, async () => {
        expect(await parse(from, subject, body)).toMatchObject(expected);
      });
    }
  });

  it("evaluate-alerts template reads currentWeekSpent as the contract does: 95,000 on 100,000 is 95 %", async () => {
    const payload = { ...samplePayload("evaluate_alerts") };
    payload.transaction = { ...payload.transaction, amount: 95000 };
    payload.userRules = { ...payload.userRules, weeklyBudget: 100000, currentWeekSpent: 0, alertThreshold: 0.8, unusualAmountThreshold: 0 };
    payload.historicalData = { ...payload.historicalData, averageTransactionAmount: 0 };
    const req = signedRequest("evaluate_alerts", { payload });
    const res = await execute(load("evaluate_alerts"), req.headers, req.body);
    const { data } = interpretResponse("evaluate_alerts", req.envelope.requestId, res.status, res.text);
    expect(data.alerts.map((a) => [a.type, a.data.percentageUsed])).toEqual([["BUDGET_THRESHOLD", 95]]);
  });

  it("parse-email answers PARSE_FAILED for a text without a movement", async () => {
    const req = signedRequest("parse_email", { payload: { ...samplePayload("parse_email"), body: "Novedades de tu cuenta" } });
    const res = await execute(load("parse_email"), req.headers, req.body);
    expect(() => interpretResponse("parse_email", req.envelope.requestId, res.status, res.text)).toThrow(/PARSE_FAILED/);
  });
});
