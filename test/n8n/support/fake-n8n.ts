/**
 * A fake n8n that implements the webhook contract v1 faithfully, over real HTTP, for the
 * contract tests and the e2e test. Self-contained (node:http + node:crypto only).
 *
 * Every request is checked like a real workflow would: POST /webhook/<endpoint>, JSON, the
 * X-Webhook-Token, the X-Signature (HMAC-SHA256 hex of the exact body bytes), X-Request-Id =
 * requestId, X-Timestamp = timestamp (±5 min), action = the endpoint's action, and the
 * envelope/payload fields. A failed check answers AUTH_FAILED (401) or INVALID_PAYLOAD (400)
 * in the contract's error envelope. Otherwise it computes a plausible answer from the payload
 * (parse_email really reads the amount and merchant from the text; PARSE_FAILED when it can't).
 *
 * `script(action, ...behaviours)` queues one-off behaviours for the next calls of an action:
 * a contract error code, an HTTP status without body, a delay (timeouts), a raw body
 * (malformed answers) or a change to the computed answer (wrong shapes).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export const ENDPOINT_ACTIONS: Record<string, string> = {
  "parse-email": "parse_email",
  "classify-transaction": "classify_transaction",
  "evaluate-alerts": "evaluate_alerts",
  "financial-projection": "financial_projection",
  "sync-user": "sync_user",
};

export type ErrorCode = "AUTH_FAILED" | "INVALID_PAYLOAD" | "PARSE_FAILED" | "AI_ERROR" | "RATE_LIMITED" | "INTERNAL_ERROR" | "TIMEOUT";
const STATUS_OF: Record<ErrorCode, number> = { AUTH_FAILED: 401, INVALID_PAYLOAD: 400, PARSE_FAILED: 422, AI_ERROR: 502, RATE_LIMITED: 429, INTERNAL_ERROR: 500, TIMEOUT: 504 };

export type Behaviour =
  | { error: ErrorCode; message?: string; status?: number; retryAfterSeconds?: number }
  | { status: number; body?: string; headers?: Record<string, string> }
  | { delayMs: number }
  | { raw: string; status?: number }
  | { mutate: (response: Record<string, unknown>) => unknown };

export type Received = { endpoint: string; action: string; headers: Record<string, string>; body: string; envelope: Record<string, unknown> | null; verified: boolean; answeredWith: string };

type Json = Record<string, unknown>;
let executions = 0;

function hmac(secret: string, body: Buffer) {
  return createHmac("sha256", secret).update(body).digest("hex");
}

function isObj(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Minimal payload checks per action (the fields the contract shows). */
const REQUIRED: Record<string, string[]> = {
  parse_email: ["emailId", "from", "subject", "body", "receivedAt", "bank"],
  classify_transaction: ["transactionId", "amount", "merchant", "description", "date", "userContext"],
  evaluate_alerts: ["transaction", "userRules", "historicalData"],
  financial_projection: ["projectionType", "historicalData", "goals"],
  sync_user: ["syncType", "userData"],
};

function envelopeProblem(env: unknown, action: string): string | null {
  if (!isObj(env)) return "body is not a JSON object";
  for (const k of ["requestId", "timestamp", "userId", "action", "payload"]) if (!(k in env)) return `missing ${k}`;
  if (!/^[0-9a-f-]{36}$/i.test(String(env.requestId))) return "requestId is not a UUID";
  if (Number.isNaN(Date.parse(String(env.timestamp)))) return "timestamp is not ISO 8601";
  if (env.action !== action) return `action ${String(env.action)} does not match the endpoint (${action})`;
  if (!isObj(env.payload)) return "payload is not an object";
  for (const k of REQUIRED[action] ?? []) if (!(k in env.payload)) return `payload.${k} missing`;
  return null;
}

/** Reads "$ 45.000,00", "$45,000", "ARS 1.234,56", "USD 12.50" as a number. */
export function readAmount(text: string): { amount: number; currency: string } | null {
  const m = /(?:(US\$|U\$S|USD|ARS|COP|\$)\s?)([\d.,]+\d)/i.exec(text);
  if (!m) return null;
  const raw = m[2]!;
  let normalized: string;
  if (/,\d{2}$/.test(raw)) normalized = raw.replace(/\./g, "").replace(",", ".");
  else if (/\.\d{2}$/.test(raw) && raw.includes(",")) normalized = raw.replace(/,/g, "");
  else normalized = raw.replace(/[.,](?=\d{3}(\D|$))/g, "");
  const amount = Number(normalized);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const sym = m[1]!.toUpperCase();
  return { amount, currency: sym.includes("U") ? "USD" : sym === "COP" ? "COP" : "ARS" };
}

const CATEGORIES: [RegExp, string, string][] = [
  [/netflix|spotify|disney|hbo/i, "subscriptions", "streaming"],
  [/super|carrefour|coto|exito|jumbo|dia/i, "groceries", "supermarket"],
  [/uber|cabify|ypf|shell/i, "transport", "rides"],
  [/zara|shopping|tienda|mercado ?libre/i, "shopping", "clothes"],
];

function compute(action: string, payload: Json, requestId: string): { data: Json | null; errors: Json[] } {
  switch (action) {
    case "parse_email": {
      const text = `${String(payload.subject)}\n${String(payload.body)}`;
      const amount = readAmount(text);
      const merchant = /\b(?:en|at|comercio:?)\s+([A-ZÁÉÍÓÚÑ0-9][A-ZÁÉÍÓÚÑ0-9 .*&'-]{1,40}?)(?=\s+(?:con|el|por|desde)\b|[.,;](?:\s|$)|$)/im.exec(String(payload.body))?.[1]?.trim();
      if (!amount || !merchant) return { data: null, errors: [{ code: "PARSE_FAILED", message: "No se pudo extraer información de transacción", details: { reason: "unknown_email_format" } }] };
      const income = /acreditaci[oó]n|recibiste|dep[oó]sito|transferencia recibida/i.test(text);
      const last4 = /terminada en (\d{4})/i.exec(text)?.[1] ?? null;
      const cat = CATEGORIES.find(([re]) => re.test(merchant));
      return {
        data: {
          transaction: { type: income ? "income" : "expense", amount: amount.amount, currency: amount.currency, merchant: merchant.toUpperCase(), category: cat?.[1] ?? "other", confidence: 0.95, date: String(payload.receivedAt), description: `Compra en ${merchant}`, accountLastFour: last4 },
          metadata: { parsingMethod: "regex_v2", processingTime: 12 },
        },
        errors: [],
      };
    }
    case "classify_transaction": {
      const cat = CATEGORIES.find(([re]) => re.test(String(payload.merchant)));
      const category = cat?.[1] ?? "other";
      return {
        data: {
          classification: { category, subcategory: cat?.[2] ?? null, confidence: 0.91, isRecurring: category === "subscriptions", recurringPattern: category === "subscriptions" ? "monthly" : null, tags: [category, "fake-n8n"] },
          aiInsights: { model: "fake-gpt", reasoning: `${String(payload.merchant)} parece ${category}`, alternativeCategories: [{ category: category === "shopping" ? "entertainment" : "shopping", confidence: 0.4 }] },
        },
        errors: [],
      };
    }
    case "evaluate_alerts": {
      const txn = payload.transaction as Json;
      const rules = payload.userRules as Json;
      const hist = payload.historicalData as Json;
      const amount = Number(txn.amount);
      const alerts: Json[] = [];
      // As the contract's example reads: currentWeekSpent is the spend before this purchase; 0 = no budget / no threshold.
      const weekly = Number(rules.weeklyBudget);
      const spent = Number(rules.currentWeekSpent) + amount;
      if (weekly && spent / weekly >= Number(rules.alertThreshold)) {
        const pct = Math.round((spent / weekly) * 100);
        alerts.push({ type: "BUDGET_THRESHOLD", severity: "high", title: "¡Cuidado! Estás llegando al límite", message: `Gastaste el ${pct}% de tu presupuesto semanal`, data: { budgetType: "weekly", budgetAmount: weekly, spentAmount: spent, percentageUsed: pct } });
      }
      const avg = Number(hist.averageTransactionAmount);
      const threshold = Number(rules.unusualAmountThreshold);
      if ((threshold > 0 && amount >= threshold) || (avg > 0 && amount >= avg * 3)) {
        alerts.push({ type: "UNUSUAL_AMOUNT", severity: "medium", title: "Gasto inusual detectado", message: `Esta compra es mayor que tu promedio`, data: { transactionAmount: amount, userAverage: avg } });
      }
      return {
        data: { alerts, recommendations: alerts.length ? [{ type: "BUDGET_ADJUSTMENT", message: `Considerá reducir gastos en '${String(txn.category)}'` }] : [], shouldNotify: alerts.length > 0, notificationPriority: alerts.length ? "high" : "low" },
        errors: [],
      };
    }
    case "financial_projection": {
      const hist = payload.historicalData as Json;
      const expenses = hist.expenses as Json;
      const last30 = Number(expenses.last30Days);
      const byCategory = (expenses.byCategory ?? {}) as Record<string, number>;
      const weekly = Math.round(last30 / 4.3);
      const goals = (payload.goals as Json[]) ?? [];
      return {
        data: {
          projection: {
            period: payload.projectionType === "monthly" ? "next_30_days" : "next_7_days",
            estimatedExpenses: weekly,
            estimatedIncome: 0,
            projectedBalance: -weekly,
            burnRate: { daily: Math.round(last30 / 30), weekly, monthly: last30 },
            byCategory: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, Math.round(v / 4.3)])),
          },
          insights: [{ type: "WARNING", title: "Gasto concentrado", description: "La mayor parte del gasto está en pocas categorías" }],
          recommendations: [{ priority: "high", action: "Reducir gastos en compras", potentialSavings: Math.round(weekly * 0.1), difficulty: "medium" }],
          goalProgress: goals.map((g) => ({ goal: `${String(g.type)} ${String(g.target)}`, currentProgress: Math.round(Number(g.target) * 0.52), percentage: 52, onTrack: false, projectedCompletion: Math.round(Number(g.target) * 0.78) })),
          aiSummary: `Proyecto que gastarás aproximadamente $${weekly} esta semana. (fake n8n, ${requestId.slice(0, 8)})`,
        },
        errors: [],
      };
    }
    case "sync_user":
      return { data: { syncStatus: "completed", updatedFields: Object.keys((payload.userData as Json) ?? {}), workflowsUpdated: ["alert-evaluation"], nextScheduledSync: new Date(Date.now() + 86_400_000).toISOString() }, errors: [] };
    default:
      return { data: null, errors: [{ code: "INVALID_PAYLOAD", message: `acción desconocida ${action}` }] };
  }
}

export async function startFakeN8n(opts: { token: string; signingSecret: string; host?: string }) {
  const received: Received[] = [];
  const scripts = new Map<string, Behaviour[]>();
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const endpoint = /^\/webhook\/([a-z-]+)$/.exec(req.url ?? "")?.[1] ?? "";
    const action = ENDPOINT_ACTIONS[endpoint] ?? "";
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    let envelope: Json | null = null;
    try {
      envelope = JSON.parse(raw.toString("utf8")) as Json;
    } catch {
      envelope = null;
    }
    const requestId = String(envelope?.requestId ?? headers["x-request-id"] ?? "");
    const entry: Received = { endpoint, action, headers, body: raw.toString("utf8"), envelope, verified: false, answeredWith: "" };
    received.push(entry);

    const send = (status: number, body: string, extra: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json", ...extra });
      res.end(body);
    };
    const reply = (status: number, data: unknown, errors: Json[], extra: Record<string, string> = {}) => {
      const body = { success: errors.length === 0, requestId, executionId: `exec_${++executions}`, timestamp: new Date().toISOString(), data, errors };
      send(status, JSON.stringify(body), extra);
    };
    const fail = (code: ErrorCode, message: string, status = STATUS_OF[code], extra: Record<string, string> = {}) => {
      entry.answeredWith = code;
      reply(status, null, [{ code, message }], extra);
    };

    if (req.method !== "POST" || !action) {
      entry.answeredWith = "404";
      return send(404, JSON.stringify({ code: 404, message: "The requested webhook is not registered." }));
    }
    // Authentication: token and signature of the exact bytes.
    const signature = headers["x-signature"] ?? "";
    const expected = hmac(opts.signingSecret, raw);
    const signatureOk = /^[0-9a-f]{64}$/.test(signature) && timingSafeEqual(Buffer.from(signature, "hex"), Buffer.from(expected, "hex"));
    if (headers["x-webhook-token"] !== opts.token) return fail("AUTH_FAILED", "Token inválido");
    if (!signatureOk) return fail("AUTH_FAILED", "Firma inválida");
    const ts = Date.parse(headers["x-timestamp"] ?? "");
    if (Number.isNaN(ts) || Math.abs(Date.now() - ts) > 5 * 60_000) return fail("AUTH_FAILED", "X-Timestamp ausente o fuera de ventana");
    entry.verified = true;
    if (!(headers["content-type"] ?? "").startsWith("application/json")) return fail("INVALID_PAYLOAD", "Content-Type debe ser application/json");
    const problem = envelopeProblem(envelope, action);
    if (problem) return fail("INVALID_PAYLOAD", problem);
    if (headers["x-request-id"] !== envelope!.requestId || headers["x-timestamp"] !== envelope!.timestamp) return fail("INVALID_PAYLOAD", "X-Request-Id / X-Timestamp no coinciden con el body");

    const userId = String(envelope!.userId);
    const behaviour = scripts.get(`${userId}:${action}`)?.shift() ?? scripts.get(action)?.shift();
    if (behaviour && "delayMs" in behaviour) {
      await new Promise((r) => setTimeout(r, behaviour.delayMs));
      entry.answeredWith = `delay ${behaviour.delayMs}`;
    } else if (behaviour && "error" in behaviour) {
      return fail(behaviour.error, behaviour.message ?? `simulado: ${behaviour.error}`, behaviour.status, behaviour.retryAfterSeconds ? { "retry-after": String(behaviour.retryAfterSeconds) } : {});
    } else if (behaviour && "raw" in behaviour) {
      entry.answeredWith = "raw";
      return send(behaviour.status ?? 200, behaviour.raw);
    } else if (behaviour && "status" in behaviour) {
      entry.answeredWith = `status ${behaviour.status}`;
      return send(behaviour.status, behaviour.body ?? "", behaviour.headers);
    }
    const { data, errors } = compute(action, envelope!.payload as Json, requestId);
    if (errors.length) return fail(errors[0]!.code as ErrorCode, String(errors[0]!.message));
    const response: Json = { success: true, requestId, executionId: `exec_${++executions}`, timestamp: new Date().toISOString(), data, errors: [] };
    if (behaviour && "mutate" in behaviour) {
      entry.answeredWith = "mutated";
      return send(200, JSON.stringify(behaviour.mutate(response)));
    }
    entry.answeredWith = "ok";
    send(200, JSON.stringify(response));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, opts.host ?? "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    received,
    /** Queues behaviours for the next calls of `action` (contract name, e.g. "parse_email"). */
    script(action: string, ...behaviours: Behaviour[]) {
      scripts.set(action, [...(scripts.get(action) ?? []), ...behaviours]);
    },
    /** Like `script`, only for requests of one organization (envelope userId): immune to other tests' late runs. */
    scriptFor(userId: string, action: string, ...behaviours: Behaviour[]) {
      const key = `${userId}:${action}`;
      scripts.set(key, [...(scripts.get(key) ?? []), ...behaviours]);
    },
    reset() {
      received.length = 0;
      scripts.clear();
    },
    calls(action: string) {
      return received.filter((r) => r.action === action);
    },
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeN8n = Awaited<ReturnType<typeof startFakeN8n>>;
