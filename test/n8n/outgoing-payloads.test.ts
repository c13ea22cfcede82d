/**
 * Every payload Contaflow sends to n8n, checked against a schema derived from the contract's own
 * request examples (test/fixtures/n8n/contract-requests.json, copied from the contract): every key
 * the example has is present, numbers are numbers, strings strings, booleans booleans, arrays
 * arrays — and nothing is `null` (the examples never are; a strict receiver answers
 * INVALID_PAYLOAD, which is not retried). Checked for an organization with nothing set up
 * (the unset budgets that used to go out as null) and one with data, through the real builders,
 * and for the envelopes that reach a real HTTP receiver.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { N8N_ACTIONS, type N8nAction } from "@/lib/schemas/n8n";
import { db } from "@/server/db/client";
import { buildEvaluatePayload } from "@/server/movements/alerts";
import { buildProjectionPayload } from "@/server/movements/projections";
import { buildSyncPayload } from "@/server/movements/sync";
import { buildClassifyPayload, buildParseEmailPayload } from "@/server/movements/transactions";
import { callN8n } from "@/server/n8n/client";
import { samplePayload } from "@/server/n8n/samples";
import { createTenantWith, createUser } from "../support/factories";
import { startFakeN8n, type FakeN8n } from "./support/fake-n8n";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const fixture = JSON.parse(readFileSync("test/fixtures/n8n/contract-requests.json", "utf8")) as { requests: Record<N8nAction, { payload: Json } & Record<string, Json>> };

/** Objects whose keys are the organization's own (categories): any key, the example's value type. */
const RECORDS = new Set(["userContext.monthlyBudgets", "historicalData.categoryAverages", "historicalData.expenses.byCategory", "userData.budgets.byCategory"]);
/** Keys the examples show on some array items only (goals: period on savings, category on reduce_spending). */
const OPTIONAL = new Set(["goals[].period", "goals[].category"]);

/** Problems of `value` against the shape of `example`, as "path: …" lines. */
function problems(example: Json, value: unknown, path = ""): string[] {
  const at = path || "(raíz)";
  if (value === null) return [`${at}: null (el contrato tiene ${example === null ? "null" : typeof example})`];
  if (value === undefined) return [`${at}: falta`];
  if (Array.isArray(example)) {
    if (!Array.isArray(value)) return [`${at}: debería ser un array`];
    if (example.length === 0) return [];
    return value.flatMap((v, i) => problems(mergeItems(example), v, `${path}[]`).map((p) => p.replace(`${path}[]`, `${path}[${i}]`)));
  }
  if (typeof example === "object" && example !== null) {
    if (typeof value !== "object" || Array.isArray(value)) return [`${at}: debería ser un objeto`];
    const obj = value as Record<string, unknown>;
    if (RECORDS.has(path)) {
      const sample = Object.values(example)[0]!;
      return Object.entries(obj).flatMap(([k, v]) => problems(sample, v, `${path}.${k}`));
    }
    return Object.entries(example).flatMap(([k, ex]) => {
      const p = path ? `${path}.${k}` : k;
      if (!(k in obj) && OPTIONAL.has(p)) return [];
      return problems(ex, obj[k], p);
    });
  }
  if (typeof value !== typeof example) return [`${at}: ${typeof value} (el contrato tiene ${typeof example})`];
  if (typeof value === "number" && !Number.isFinite(value)) return [`${at}: no es un número finito`];
  return [];
}

/** The keys of all items of an example array (goals differ by item). */
function mergeItems(items: Json[]): Json {
  if (items.every((i) => typeof i === "object" && i !== null && !Array.isArray(i))) return Object.assign({}, ...(items as object[])) as Json;
  return items[0]!;
}

function expectContractShape(action: N8nAction, payload: unknown) {
  expect(problems(fixture.requests[action].payload, payload, ""), `${action}: ${JSON.stringify(payload)}`).toEqual([]);
  expect(JSON.stringify(payload)).not.toContain("null");
}

async function build(tenantId: string) {
  const email = await db().bankEmail.create({ data: { tenantId, source: "PASTED", fromAddress: "avisos@bancogalicia.com.ar", subject: "Compra", body: "Compra por $ 1.000,00 en COTO", receivedAt: new Date() } });
  const txn = await db().bankTransaction.create({ data: { tenantId, type: "expense", amount: 1000, currency: "ARS", merchant: "COTO", date: new Date() } });
  return {
    parse_email: await buildParseEmailPayload(tenantId, email.id),
    classify_transaction: await buildClassifyPayload(tenantId, txn.id),
    evaluate_alerts: await buildEvaluatePayload(tenantId, txn.id),
    financial_projection: await buildProjectionPayload(tenantId, "weekly"),
    sync_user: await buildSyncPayload(tenantId),
  } satisfies Record<N8nAction, unknown>;
}

describe("outgoing payloads match the contract's examples", () => {
  it("the schema catches what the issue found (null budgets, a missing key, a number as text)", () => {
    const sync = structuredClone(fixture.requests.sync_user.payload) as { userData: { budgets: Record<string, Json> } };
    sync.userData.budgets.monthly = null;
    expect(problems(fixture.requests.sync_user.payload, sync)).toEqual(["userData.budgets.monthly: null (el contrato tiene number)"]);
    const evaluate = structuredClone(fixture.requests.evaluate_alerts.payload) as { userRules: Record<string, Json> };
    delete evaluate.userRules.unusualAmountThreshold;
    evaluate.userRules.weeklyBudget = "600000";
    expect(problems(fixture.requests.evaluate_alerts.payload, evaluate)).toEqual(["userRules.weeklyBudget: string (el contrato tiene number)", "userRules.unusualAmountThreshold: falta"]);
    for (const action of N8N_ACTIONS) expectContractShape(action, fixture.requests[action].payload);
  });

  it("an organization with nothing set up (no budgets, no threshold, no history) sends numbers, never null", async () => {
    const tenant = await createTenantWith(await createUser());
    const payloads = await build(tenant.id);
    for (const action of N8N_ACTIONS) expectContractShape(action, payloads[action]);
    expect(payloads.evaluate_alerts.userRules).toMatchObject({ weeklyBudget: 0, unusualAmountThreshold: 0 });
    expect(payloads.sync_user.userData.budgets).toMatchObject({ weekly: 0, monthly: 0 });
  });

  it("an organization with budgets, goals and history too", async () => {
    const tenant = await createTenantWith(await createUser());
    await db().financeProfile.create({
      data: { tenantId: tenant.id, weeklyBudget: 50000, monthlyBudget: 200000, categoryBudgets: { groceries: 80000 }, goals: [{ type: "savings", target: 100000, period: "monthly" }, { type: "reduce_spending", target: 30000, category: "shopping" }] },
    });
    await db().bankTransaction.create({ data: { tenantId: tenant.id, type: "expense", amount: 2500, currency: "ARS", merchant: "UBER", date: new Date(Date.now() - 86_400_000), category: "transport" } });
    await db().bankTransaction.create({ data: { tenantId: tenant.id, type: "income", amount: 900000, currency: "ARS", merchant: "SUELDO", date: new Date(Date.now() - 2 * 86_400_000) } });
    const payloads = await build(tenant.id);
    for (const action of N8N_ACTIONS) expectContractShape(action, payloads[action]);
    expect(payloads.evaluate_alerts.userRules.unusualAmountThreshold).toBe(7500); // multiplier 3 × average 2,500
  });

  describe("the envelopes that reach a real receiver", () => {
    let fake: FakeN8n;
    beforeAll(async () => {
      fake = await startFakeN8n({ token: "tok-outgoing-1", signingSecret: "secreto-outgoing-0123456789" });
    });
    afterAll(() => fake.close());

    it("requestId, timestamp, userId, action and the payload, for all five actions", async () => {
      const tenant = await createTenantWith(await createUser());
      const credentials = { baseUrl: fake.url, token: "tok-outgoing-1", signingSecret: "secreto-outgoing-0123456789", timeoutMs: 5000 };
      for (const action of N8N_ACTIONS) {
        await callN8n({ tenantId: tenant.id, action, payload: samplePayload(action), credentials });
        const sent = fake.calls(action).at(-1)!.envelope!;
        const example = fixture.requests[action];
        expect(problems({ ...example, payload: null } as Json, { ...sent, payload: null }).filter((p) => !p.startsWith("payload"))).toEqual([]);
        expectContractShape(action, sent.payload);
      }
    });
  });
});
