/**
 * The five n8n calls wired into Movimientos, run by the app's real Inngest functions on the
 * embedded engine, against the fake n8n over real HTTP. Each error code is handled as the
 * contract says (retry with backoff / no retry / manual review / fallback), no run fails
 * because of n8n, and an invalid answer ends as a clear error on the call log, never as data.
 */
import "./support/engine-env";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as inboundPost } from "@/app/api/inbound/email/[token]/route";
import { db } from "@/server/db/client";
import { readLocalOutbox } from "@/server/mail/mailer";
import { acceptInvitation } from "@/server/invitations/accept-invitation";
import { inviteMember } from "@/server/invitations/manage-invitations";
import { saveN8nSettings } from "@/server/n8n/settings";
import { changeMemberRole, removeMember } from "@/server/tenants/members";
import type { UpdateProfileInput } from "@/lib/schemas/movements";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { finishedRuns, startAppEngine, until } from "./support/app";
import { startFakeN8n, type FakeN8n } from "./support/fake-n8n";

// Whole pipelines over HTTP with retries and backoff: generous limits for a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const TOKEN = "token-n8n-pipeline-0001";
const SECRET = "secreto-firma-pipeline-0123456789";
let fake: FakeN8n;
let app: Awaited<ReturnType<typeof startAppEngine>>;

beforeAll(async () => {
  fake = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
  app = await startAppEngine();
});
afterAll(async () => {
  await app.stop();
  await fake.close();
});
beforeEach(() => fake.reset());

const BANK_EMAIL = {
  from: "Banco Galicia <avisos@bancogalicia.com.ar>",
  subject: "Aviso de compra con tarjeta",
  body: "Hola, realizaste una compra por $ 45.000,00 en SUPERMERCADO COTO con tu tarjeta terminada en 1234. Si no la reconocés, llamanos.",
};

const PROFILE: UpdateProfileInput = {
  currency: "ARS",
  timezone: "America/Argentina/Buenos_Aires",
  language: "es",
  notificationsEnabled: true,
  emailAlerts: false,
  weeklyBudget: 50000,
  monthlyBudget: 200000,
  categoryBudgets: [{ category: "groceries", amount: 120000 }],
  budgetThreshold: 0.8,
  unusualAmountMultiplier: 3,
  unusualAmountThreshold: null,
  dailyDigest: false,
  instantAlerts: ["BUDGET_EXCEEDED"],
  blockedCategories: [],
  connectedBanks: ["bancogalicia"],
  goals: [{ type: "savings", target: 100000, period: "monthly" }],
};

async function organization(timeoutSeconds = 10) {
  const owner = await createUser();
  const tenant = await createTenantWith(owner);
  await saveN8nSettings({ tenantId: tenant.id, userId: owner.id, role: "OWNER" }, { baseUrl: fake.url, token: TOKEN, signingSecret: SECRET, timeoutSeconds });
  return { owner, tenantId: tenant.id, caller: callerFor(owner, tenant.id) };
}

/** The profile exists already when n8n's first configuration requested a sync: set its fields either way. */
const setProfile = (tenantId: string, data: { weeklyBudget?: number; budgetThreshold?: number; emailAlerts?: boolean }) =>
  db().financeProfile.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
const txnOf = (emailId: string) => until("transaction", () => db().bankTransaction.findUnique({ where: { emailId } }));
const alertsDone = (id: string) => until("alerts evaluated", async () => {
  const t = await db().bankTransaction.findUniqueOrThrow({ where: { id }, include: { alerts: true } });
  return t.alertsStatus !== "PENDING" ? t : null;
});
const classified = (id: string) => until("classified", async () => {
  const t = await db().bankTransaction.findUniqueOrThrow({ where: { id } });
  return t.classificationStatus !== "PENDING" ? t : null;
});
const callsOf = (tenantId: string, action: string) => fake.calls(action).filter((c) => c.envelope?.userId === tenantId);
const logOf = (tenantId: string, action: string) => db().n8nCall.findMany({ where: { tenantId, action }, orderBy: { createdAt: "asc" } });

describe("paste a bank e-mail → transaction → classification → alerts", () => {
  it("the happy path: every call signed, logged, and its answer stored", async () => {
    const { tenantId, caller } = await organization();
    await setProfile(tenantId, { weeklyBudget: 50000, budgetThreshold: 0.8 });
    const { id: emailId } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await txnOf(emailId);
    expect(txn).toMatchObject({ type: "expense", currency: "ARS", merchant: "SUPERMERCADO COTO", accountLastFour: "1234", parsingMethod: "regex_v2" });
    expect(txn.amount.toNumber()).toBe(45000);
    const done = await alertsDone(txn.id);
    expect(done).toMatchObject({ classificationStatus: "CLASSIFIED", category: "groceries", subcategory: "supermarket", isRecurring: false, alertsStatus: "EVALUATED" });
    expect(done.tags).toEqual(["groceries", "fake-n8n"]);
    expect(done.alternatives).toEqual([{ category: "shopping", confidence: 0.4 }]);
    expect(done.alerts.map((a) => [a.type, a.severity, a.source])).toEqual([["BUDGET_THRESHOLD", "high", "n8n"]]);

    const view = await caller.movements.transactions({});
    expect(view.items[0]).toMatchObject({ merchant: "SUPERMERCADO COTO", category: "groceries", alertCount: 1 });
    expect((await caller.movements.alerts())[0]).toMatchObject({ type: "BUDGET_THRESHOLD", transaction: { merchant: "SUPERMERCADO COTO" } });
    expect((await caller.movements.recommendations())[0]!.message).toContain("groceries");
    expect(await db().notification.count({ where: { tenantId, kind: "movements.alert" } })).toBe(1);

    for (const action of ["parse_email", "classify_transaction", "evaluate_alerts"]) {
      const calls = await logOf(tenantId, action);
      expect(calls.map((c) => c.status)).toEqual(["SUCCEEDED"]);
      expect(calls[0]!.executionId).toMatch(/^exec_/);
      expect(callsOf(tenantId, action).every((r) => r.verified)).toBe(true);
    }
    // The classification request carried the organization's context, the alert request its rules and history.
    expect(callsOf(tenantId, "classify_transaction")[0]!.envelope!.payload).toMatchObject({ merchant: "SUPERMERCADO COTO", amount: 45000, userContext: { previousCategories: [], monthlyBudgets: {} } });
    expect(callsOf(tenantId, "evaluate_alerts")[0]!.envelope!.payload).toMatchObject({ transaction: { category: "groceries", amount: 45000 }, userRules: { weeklyBudget: 50000, currentWeekSpent: 0, alertThreshold: 0.8 } });
    const runs = await finishedRuns(tenantId, "n8n-evaluate-alerts");
    expect(runs.map((r) => r.status)).toEqual(["COMPLETED"]);
  });

  it("alerts are also e-mailed to the members when the organization wants it", async () => {
    const { tenantId, caller, owner } = await organization();
    await setProfile(tenantId, { weeklyBudget: 50000, emailAlerts: true });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await alertsDone((await txnOf(id)).id);
    const [alert] = txn.alerts;
    await until("alert e-mailed", async () => (await db().movementAlert.findUniqueOrThrow({ where: { id: alert!.id } })).emailedAt);
    const mail = readLocalOutbox(owner.email).at(-1)!;
    expect(mail.subject).toBe("Contaflow: ¡Cuidado! Estás llegando al límite");
    expect(mail.text).toContain("Gastaste el 90% de tu presupuesto semanal");
  });

  it("the user overrides the category; alternatives stay visible", async () => {
    const { caller } = await organization();
    const { id } = await caller.movements.pasteEmail({ ...BANK_EMAIL, body: BANK_EMAIL.body.replace("SUPERMERCADO COTO", "ZARA UNICENTER") });
    const txn = await alertsDone((await txnOf(id)).id);
    expect(txn.category).toBe("shopping");
    const updated = await caller.movements.overrideCategory({ id: txn.id, category: "entertainment" });
    expect(updated).toMatchObject({ category: "entertainment", classificationStatus: "OVERRIDDEN", suggestedCategory: "shopping", alternatives: [{ category: "entertainment", confidence: 0.4 }] });
  });
});

describe("error codes inside the pipeline", () => {
  it("PARSE_FAILED → the e-mail goes to manual review; entering it by hand continues the pipeline", async () => {
    const { tenantId, caller } = await organization();
    const { id } = await caller.movements.pasteEmail({ from: "avisos@banco.example", subject: "Novedades", body: "Te contamos las novedades de tu cuenta este mes." });
    await finishedRuns(tenantId, "n8n-parse-email");
    const email = await db().bankEmail.findUniqueOrThrow({ where: { id } });
    expect(email).toMatchObject({ status: "MANUAL_REVIEW", errorCode: "PARSE_FAILED" });
    expect(email.errorMessage).toContain("revisión manual");
    expect(await db().bankTransaction.count({ where: { tenantId } })).toBe(0);
    expect((await logOf(tenantId, "parse_email")).map((c) => c.status)).toEqual(["MANUAL_REVIEW"]);
    expect(callsOf(tenantId, "parse_email")).toHaveLength(1); // not retried

    const review = await caller.movements.emails({ status: "MANUAL_REVIEW" });
    expect(review.map((e) => e.id)).toEqual([id]);
    const { transactionId } = await caller.movements.resolveReview({ action: "enter", emailId: id, type: "expense", amount: 12000, currency: "ARS", merchant: "NETFLIX.COM", date: new Date() });
    const txn = await classified(transactionId!);
    expect(txn).toMatchObject({ category: "subscriptions", isRecurring: true, recurringPattern: "monthly" });
  });

  it("AI_ERROR once → retried with backoff, then classified", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "classify_transaction", { error: "AI_ERROR", message: "modelo caído" });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await classified((await txnOf(id)).id);
    expect(txn.classificationStatus).toBe("CLASSIFIED");
    const calls = await logOf(tenantId, "classify_transaction");
    expect(calls.map((c) => [c.status, c.errorCode, c.attempt])).toEqual([
      ["RETRYING", "AI_ERROR", 1],
      ["SUCCEEDED", null, 2],
    ]);
  });

  it("AI_ERROR on every attempt → retries exhausted, local fallback category; alerts still evaluated", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "classify_transaction", ...Array.from({ length: 5 }, () => ({ error: "AI_ERROR" as const })));
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await alertsDone((await txnOf(id)).id);
    expect(txn).toMatchObject({ classificationStatus: "FALLBACK", category: "groceries", alertsStatus: "EVALUATED" });
    expect(txn.classificationError).toContain("AI_ERROR");
    expect((await logOf(tenantId, "classify_transaction")).map((c) => c.status)).toEqual(["RETRYING", "RETRYING", "RETRYING", "RETRYING", "FAILED"]);
    // The fallback is saved, and Ejecuciones still shows that n8n failed.
    expect((await finishedRuns(tenantId, "n8n-classify-transaction"))[0]!.status).toBe("FAILED");
  });

  it("AUTH_FAILED → no retry, the transaction shows the error, the run ends FAILED", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "classify_transaction", { error: "AUTH_FAILED" });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await classified((await txnOf(id)).id);
    expect(txn.classificationStatus).toBe("FAILED");
    expect(txn.classificationError).toContain("Verificá el token y el secreto de firma");
    expect(callsOf(tenantId, "classify_transaction")).toHaveLength(1);
    expect((await logOf(tenantId, "classify_transaction")).map((c) => [c.status, c.errorCode])).toEqual([["FAILED", "AUTH_FAILED"]]);
    expect((await finishedRuns(tenantId, "n8n-classify-transaction"))[0]!.status).toBe("FAILED");
  });

  it("INVALID_PAYLOAD on parse → no retry, e-mail FAILED with the reason", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "parse_email", { error: "INVALID_PAYLOAD", message: "payload.bank desconocido" });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    await finishedRuns(tenantId, "n8n-parse-email");
    expect(await db().bankEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", errorCode: "INVALID_PAYLOAD" });
    expect(callsOf(tenantId, "parse_email")).toHaveLength(1);
    // «Reprocesar» after fixing the workflow.
    await caller.movements.reprocessEmail({ id });
    expect((await txnOf(id)).merchant).toBe("SUPERMERCADO COTO");
  });

  it("RATE_LIMITED with Retry-After → waits that long, then succeeds", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "parse_email", { error: "RATE_LIMITED", retryAfterSeconds: 1 });
    const started = Date.now();
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    await txnOf(id);
    const calls = callsOf(tenantId, "parse_email");
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect((await logOf(tenantId, "parse_email")).map((c) => [c.status, c.errorCode])).toEqual([
      ["RETRYING", "RATE_LIMITED"],
      ["SUCCEEDED", null],
    ]);
  });

  it("TIMEOUT (n8n slower than the timeout) and INTERNAL_ERROR → retried", async () => {
    const { tenantId, caller } = await organization(2);
    fake.scriptFor(tenantId, "parse_email", { delayMs: 3000 }, { error: "INTERNAL_ERROR" }, { error: "TIMEOUT" });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    await txnOf(id);
    expect((await logOf(tenantId, "parse_email")).map((c) => [c.status, c.errorCode])).toEqual([
      ["RETRYING", "TIMEOUT"],
      ["RETRYING", "INTERNAL_ERROR"],
      ["RETRYING", "TIMEOUT"],
      ["SUCCEEDED", null],
    ]);
  });
});

describe("an empty 200 (a workflow step threw in n8n)", () => {
  it("is retried; after the last attempt the e-mail says the retries are exhausted and the run is FAILED", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "parse_email", ...Array.from({ length: 5 }, () => ({ raw: "" })));
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const [run] = await finishedRuns(tenantId, "n8n-parse-email");
    expect(run!.status).toBe("FAILED");
    expect(callsOf(tenantId, "parse_email")).toHaveLength(5);
    const log = await logOf(tenantId, "parse_email");
    expect(log.map((c) => [c.status, c.errorCode])).toEqual([...Array.from({ length: 4 }, () => ["RETRYING", "INTERNAL_ERROR"]), ["FAILED", "INTERNAL_ERROR"]]);
    const email = await db().bankEmail.findUniqueOrThrow({ where: { id } });
    expect(email).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_ERROR" });
    expect(email.errorMessage).toContain("Se agotaron los reintentos (5 intentos)");
    expect(email.errorMessage).toContain("NODE_FUNCTION_ALLOW_BUILTIN=crypto");
    expect(email.errorMessage).not.toContain("Se reintenta");
  });
});

describe("invalid answers never become data", () => {
  it("parse-email answering a wrong shape → no transaction, e-mail FAILED, clear error on the log", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "parse_email", {
      mutate: (r) => ({ ...r, data: { transaction: { type: "compra", amount: "45.000", currency: "ARS", merchant: "", date: "ayer" } } }),
    });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const [run] = await finishedRuns(tenantId, "n8n-parse-email");
    expect(run!.status).toBe("FAILED");
    expect(await db().bankTransaction.count({ where: { tenantId } })).toBe(0);
    expect(await db().bankEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", errorCode: "INVALID_RESPONSE" });
    const [log] = await logOf(tenantId, "parse_email");
    expect(log).toMatchObject({ status: "FAILED", errorCode: "INVALID_RESPONSE" });
    expect(log!.errorMessage).toContain("data.transaction.type");
    expect(log!.errorMessage).toContain("data.transaction.amount");
    expect(callsOf(tenantId, "parse_email")).toHaveLength(1);
  });

  it("evaluate-alerts answering JSON that is not the envelope → no alerts stored, the transaction says why", async () => {
    const { tenantId, caller } = await organization();
    await setProfile(tenantId, { weeklyBudget: 1000 });
    fake.scriptFor(tenantId, "evaluate_alerts", { raw: '{"alerts":"ninguna"}', status: 200 });
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await alertsDone((await txnOf(id)).id);
    expect(txn).toMatchObject({ alertsStatus: "FAILED", category: "groceries" });
    expect(txn.alerts).toHaveLength(0);
    expect(txn.alertsError).toContain("INVALID_RESPONSE");
    expect(await db().movementRecommendation.count({ where: { tenantId } })).toBe(0);
  });

  it("evaluate-alerts failing with AI_ERROR every time → local rules produce the basic alerts", async () => {
    const { tenantId, caller } = await organization();
    await setProfile(tenantId, { weeklyBudget: 40000 });
    fake.scriptFor(tenantId, "evaluate_alerts", ...Array.from({ length: 5 }, () => ({ error: "AI_ERROR" as const })));
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    const txn = await alertsDone((await txnOf(id)).id);
    expect(txn.alertsStatus).toBe("FALLBACK");
    expect(txn.alerts.map((a) => [a.type, a.source])).toEqual([["BUDGET_EXCEEDED", "local"]]);
  });
});

describe("financial-projection", () => {
  it("on demand → READY with burn rate, categories, goals and the AI summary", async () => {
    const { tenantId, caller } = await organization();
    await caller.movements.updateProfile(PROFILE);
    const { id } = await caller.movements.pasteEmail(BANK_EMAIL);
    await alertsDone((await txnOf(id)).id);
    await caller.movements.requestProjection({ projectionType: "weekly" });
    const projection = await until("projection", async () => {
      const [p] = await caller.movements.projections();
      return p && p.status !== "PENDING" ? p : null;
    });
    expect(projection).toMatchObject({ status: "READY", trigger: "MANUAL" });
    expect(projection.result!.projection.burnRate.monthly).toBe(45000);
    expect(projection.result!.projection.byCategory).toEqual({ groceries: 10465 });
    expect(projection.result!.goalProgress[0]).toMatchObject({ percentage: 52, onTrack: false });
    expect(projection.aiSummary).toContain("Proyecto que gastarás");
    expect(callsOf(tenantId, "financial_projection")[0]!.envelope!.payload).toMatchObject({
      projectionType: "weekly",
      historicalData: { expenses: { last30Days: 45000, byCategory: { groceries: 45000 } } },
      goals: [{ type: "savings", target: 100000, period: "monthly" }],
    });
    expect((await caller.movements.recommendations()).some((r) => r.fromProjection)).toBe(true);
    expect((await logOf(tenantId, "financial_projection")).map((c) => c.status)).toEqual(["SUCCEEDED"]);
  });

  it("an answer without aiSummary → FAILED projection, nothing half-stored", async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "financial_projection", { mutate: (r) => ({ ...r, data: { ...(r.data as object), aiSummary: undefined } }) });
    await caller.movements.requestProjection({});
    const projection = await until("projection", async () => {
      const [p] = await caller.movements.projections();
      return p && p.status !== "PENDING" ? p : null;
    });
    expect(projection).toMatchObject({ status: "FAILED", result: null });
    expect(projection.errorMessage).toContain("data.aiSummary");
    expect((await caller.movements.recommendations()).length).toBe(0);
  });
});

describe("sync-user", () => {
  it("a burst of changes is debounced into ONE call with the final state; status visible", { timeout: 30_000 }, async () => {
    const { tenantId, caller } = await organization();
    await caller.movements.updateProfile({ ...PROFILE, weeklyBudget: 1 });
    await caller.movements.updateProfile({ ...PROFILE, weeklyBudget: 2 });
    await caller.movements.updateProfile({ ...PROFILE, weeklyBudget: 3, connectedBanks: ["bancogalicia", "brubank"] });
    expect((await caller.n8n.syncStatus()).status).toBe("PENDING");
    await until("synced", async () => ((await caller.n8n.syncStatus()).status === "SYNCED" ? true : null));
    // The engine's debounce: the burst starts one run, with the last change.
    expect(await finishedRuns(tenantId, "n8n-sync-user", 1)).toHaveLength(1);
    const calls = callsOf(tenantId, "sync_user").filter((c) => c.envelope?.userId === tenantId);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.envelope!.payload).toMatchObject({
      syncType: "full",
      userData: { budgets: { weekly: 3, monthly: 200000, byCategory: { groceries: 120000 } }, connectedBanks: ["bancogalicia", "brubank"], alertRules: { budgetThreshold: 0.8, instantAlerts: ["BUDGET_EXCEEDED"] } },
    });
    const status = await caller.n8n.syncStatus();
    expect(status.lastSyncedAt).not.toBeNull();
    expect(status.nextScheduledSync).not.toBeNull();
  });

  it("n8n's first configuration and member changes (invitation accepted, role change, removal) request a sync, debounced", { timeout: 45_000 }, async () => {
    const { tenantId, owner } = await organization();
    await until("sync after the first configuration", async () => callsOf(tenantId, "sync_user").length === 1);
    const scope = { tenantId, userId: owner.id, role: "OWNER" as const };
    const invited = await createUser();
    const { link } = await inviteMember(scope, { email: invited.email, role: "VIEWER" });
    await acceptInvitation(invited, new URL(link).pathname.split("/").pop()!);
    await until("sync after the invitation was accepted", async () => callsOf(tenantId, "sync_user").length === 2);
    // Role change and removal in a burst: one more call.
    const membership = await db().membership.findFirstOrThrow({ where: { tenantId, userId: invited.id } });
    await changeMemberRole(scope, membership.id, "ACCOUNTANT");
    await removeMember(scope, membership.id);
    await until("sync after the role change and removal", async () => callsOf(tenantId, "sync_user").length === 3);
    await new Promise((r) => setTimeout(r, 4000));
    expect(callsOf(tenantId, "sync_user")).toHaveLength(3);
    expect(callsOf(tenantId, "sync_user").every((c) => c.verified)).toBe(true);
  });

  it("a failing sync shows FAILED with the reason", { timeout: 30_000 }, async () => {
    const { tenantId, caller } = await organization();
    fake.scriptFor(tenantId, "sync_user", { error: "AUTH_FAILED" });
    await caller.n8n.syncNow();
    const status = await until("sync failed", async () => {
      const s = await caller.n8n.syncStatus();
      return s.status === "FAILED" ? s : null;
    });
    expect(status.lastError).toContain("AUTH_FAILED");
  });
});

describe("e-mails in", () => {
  const EML = [
    "From: Santander <avisos@santander.com.ar>",
    "To: estudio@example.com",
    "Subject: =?UTF-8?Q?Aviso_de_d=C3=A9bito?=",
    "Date: Mon, 23 Nov 2026 10:15:00 -0300",
    "Message-ID: <aviso-123@santander.com.ar>",
    "MIME-Version: 1.0",
    'Content-Type: text/html; charset="utf-8"',
    "Content-Transfer-Encoding: quoted-printable",
    "",
    "<html><body><p>Se debit=C3=B3 una compra por $ 8.999,00 en NETFLIX.COM con tu tarjeta terminada en 9876.</p></body></html>",
    "",
  ].join("\r\n");

  it("an uploaded .eml (HTML, quoted-printable) is parsed by postal-mime; the same Message-ID is stored once", async () => {
    const { caller } = await organization();
    const first = await caller.movements.uploadEml({ fileName: "aviso.eml", content: EML });
    expect(first.duplicate).toBe(false);
    const email = await db().bankEmail.findUniqueOrThrow({ where: { id: first.id } });
    expect(email).toMatchObject({ source: "EML", fromAddress: "avisos@santander.com.ar", subject: "Aviso de débito", bank: "santander", messageId: "<aviso-123@santander.com.ar>" });
    expect(email.body).toContain("Se debitó una compra por $ 8.999,00 en NETFLIX.COM");
    expect(email.receivedAt.toISOString()).toBe("2026-11-23T13:15:00.000Z");
    const txn = await classified((await txnOf(first.id)).id);
    expect(txn).toMatchObject({ merchant: "NETFLIX.COM", category: "subscriptions", accountLastFour: "9876" });
    expect((await caller.movements.uploadEml({ fileName: "aviso.eml", content: EML })).duplicate).toBe(true);
  });

  it("the inbound endpoint: the organization's secret token, raw MIME or provider JSON; unknown tokens get 404", async () => {
    const { tenantId, caller } = await organization();
    const { url } = await caller.movements.rotateInboundToken();
    const token = url.split("/").pop()!;
    const post = (t: string, body: string, type: string) => inboundPost(new Request(url, { method: "POST", headers: { "content-type": type }, body }), { params: Promise.resolve({ token: t }) });

    const raw = await post(token, EML.replace("aviso-123", "aviso-456"), "message/rfc822");
    expect(raw.status).toBe(202);
    const { id } = (await raw.json()) as { id: string };
    expect((await txnOf(id)).merchant).toBe("NETFLIX.COM");

    const json = await post(token, JSON.stringify({ From: "avisos@bbva.com.ar", Subject: "Compra", TextBody: "Compra por $ 3.500,00 en UBER TRIP con tu tarjeta.", MessageID: "pm-1" }), "application/json");
    expect(json.status).toBe(202);
    const jsonId = ((await json.json()) as { id: string }).id;
    expect(await db().bankEmail.findUniqueOrThrow({ where: { id: jsonId } })).toMatchObject({ tenantId, source: "INBOUND", bank: "bbva" });

    expect((await post("inb_" + "x".repeat(32), EML, "message/rfc822")).status).toBe(404);
    expect((await post("cualquiera", EML, "message/rfc822")).status).toBe(404);
    // Rotating the token retires the old URL.
    await caller.movements.rotateInboundToken();
    expect((await post(token, EML, "message/rfc822")).status).toBe(404);
    expect((await caller.movements.profile()).inboundConfigured).toBe(true);
  });
});
