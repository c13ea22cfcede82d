/**
 * «Revisar mi configuración» (issue 18, item 5) against a real HTTP server running the shipped
 * docs/n8n workflows on an n8n instance set up in different ways: it names the missing setting,
 * the workflow that is not imported, a token that does not match, and an empty 200.
 */
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { N8N_ACTIONS, type N8nAction } from "@/lib/schemas/n8n";
import { checkN8nSetup } from "@/server/n8n/check-setup";
import { saveN8nSettings } from "@/server/n8n/settings";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { startFakeN8n } from "./support/fake-n8n";
import { SECRET, serveWorkflows, TOKEN, type Instance } from "./support/workflow-runner";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function organizationAgainst(url: string, token = TOKEN) {
  const owner = await createUser();
  const tenant = await createTenantWith(owner);
  const scope = { tenantId: tenant.id, userId: owner.id, role: "OWNER" as const };
  await saveN8nSettings(scope, { baseUrl: url, token, signingSecret: SECRET, timeoutSeconds: 5 });
  return { scope, owner, tenantId: tenant.id };
}

async function n8n(actions: readonly N8nAction[] = N8N_ACTIONS, instance: Instance = {}) {
  const server = await serveWorkflows(actions, instance);
  closers.push(server.close);
  return server.url;
}

describe("check my setup", () => {
  it("everything in place → every action ok", async () => {
    const { scope } = await organizationAgainst(await n8n());
    const r = await checkN8nSetup(scope);
    expect(r.checks.map((c) => c.verdict)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(r).toMatchObject({ ok: true, missingSettings: [] });
  });

  it("NODE_FUNCTION_ALLOW_BUILTIN without crypto → named, with the value it needs", async () => {
    const { scope } = await organizationAgainst(await n8n(N8N_ACTIONS, { cryptoAllowed: false }));
    const r = await checkN8nSetup(scope);
    expect(r.missingSettings).toEqual(["NODE_FUNCTION_ALLOW_BUILTIN"]);
    expect(r.checks[0]!.message).toContain("NODE_FUNCTION_ALLOW_BUILTIN=crypto");
  });

  it("env access blocked, a missing variable, a workflow not imported — each named", async () => {
    let r = await checkN8nSetup((await organizationAgainst(await n8n(N8N_ACTIONS, { envAccess: false }))).scope);
    expect(r.missingSettings).toEqual(["N8N_BLOCK_ENV_ACCESS_IN_NODE"]);
    expect(r.checks[0]!.message).toContain("N8N_BLOCK_ENV_ACCESS_IN_NODE=false");

    const withoutProjection = N8N_ACTIONS.filter((a) => a !== "financial_projection");
    r = await checkN8nSetup((await organizationAgainst(await n8n(withoutProjection, { env: { CONTAFLOW_SIGNING_SECRET: undefined } }))).scope);
    expect(r.missingSettings).toEqual(["CONTAFLOW_SIGNING_SECRET"]);
    const projection = r.checks.find((c) => c.action === "financial_projection")!;
    expect(projection).toMatchObject({ verdict: "workflow_missing" });
    expect(projection.message).toContain("docs/n8n/financial-projection.json");
  });

  it("a token that does not match n8n's → says which one", async () => {
    const { scope } = await organizationAgainst(await n8n(), "otro-token-que-no-es");
    const r = await checkN8nSetup(scope);
    expect(r.checks.every((c) => c.verdict === "credentials_mismatch")).toBe(true);
    expect(r.checks[0]!.message).toMatch(/^El token no coincide/);
  });

  it("an empty 200 (a step threw) → points at the builtin setting and the executions", async () => {
    const fake = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
    closers.push(fake.close);
    fake.script("parse_email", { raw: "" });
    const { scope } = await organizationAgainst(fake.url);
    const parse = (await checkN8nSetup(scope)).checks.find((c) => c.action === "parse_email")!;
    expect(parse).toMatchObject({ verdict: "workflow_error", setting: "NODE_FUNCTION_ALLOW_BUILTIN" });
    expect(parse.message).toContain("Executions");
  });

  it("only admins may run it", async () => {
    const { tenantId } = await organizationAgainst(await n8n());
    const { user } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(user, tenantId).n8n.checkSetup()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
