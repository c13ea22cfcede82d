#!/usr/bin/env node
/**
 * Writes the five importable n8n workflows of the Contaflow ↔ n8n contract v1 (one per
 * endpoint): Webhook (POST /webhook/<endpoint>, raw body) → "Verificar firma" (X-Webhook-Token,
 * X-Signature = HMAC-SHA256 hex of the exact body, X-Timestamp window, X-Request-Id, envelope)
 * → IF → "<acción>" (a starting point that answers the contract's response envelope) →
 * "Responder"; failures answer the contract's error envelope (AUTH_FAILED / INVALID_PAYLOAD).
 *
 *   node docs/n8n/generate.mjs        (rewrites docs/n8n/*.json)
 *
 * test/n8n/workflows.test.ts runs the Code nodes of every file against requests signed by the
 * real client, so the files stay correct.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

const VERIFY = String.raw`// Verifica la firma del pedido de Contaflow (contrato v1).
// Requiere: NODE_FUNCTION_ALLOW_BUILTIN=crypto y las variables CONTAFLOW_WEBHOOK_TOKEN y
// CONTAFLOW_SIGNING_SECRET (N8N_BLOCK_ENV_ACCESS_IN_NODE=false), o reemplazá $env por tus valores.
const crypto = require('crypto');
const ACTION = '__ACTION__';
const REQUIRED = __REQUIRED__;
const item = $input.first();
const headers = Object.fromEntries(Object.entries(item.json.headers || {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const fail = (code, message, statusCode) => [{ json: { ok: false, statusCode, response: { success: false, requestId: headers['x-request-id'] || '', executionId: String($execution.id), timestamp: new Date().toISOString(), data: null, errors: [{ code, message }] } } }];

const token = $env.CONTAFLOW_WEBHOOK_TOKEN;
const secret = $env.CONTAFLOW_SIGNING_SECRET;
if (!token || !secret) return fail('INTERNAL_ERROR', 'Faltan CONTAFLOW_WEBHOOK_TOKEN / CONTAFLOW_SIGNING_SECRET en n8n', 500);
const given = headers['x-webhook-token'] || '';
if (given.length !== token.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token))) return fail('AUTH_FAILED', 'Token inválido', 401);
const expected = crypto.createHmac('sha256', secret).update(raw).digest('hex');
const signature = (headers['x-signature'] || '').toLowerCase();
if (!/^[0-9a-f]{64}$/.test(signature) || !crypto.timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex'))) return fail('AUTH_FAILED', 'Firma inválida', 401);
const ts = Date.parse(headers['x-timestamp'] || '');
if (Number.isNaN(ts) || Math.abs(Date.now() - ts) > 5 * 60 * 1000) return fail('AUTH_FAILED', 'X-Timestamp ausente o fuera de la ventana de 5 minutos', 401);

let envelope;
try { envelope = JSON.parse(raw.toString('utf8')); } catch (e) { return fail('INVALID_PAYLOAD', 'El cuerpo no es JSON', 400); }
for (const k of ['requestId', 'timestamp', 'userId', 'action', 'payload']) if (!(k in envelope)) return fail('INVALID_PAYLOAD', 'Falta ' + k, 400);
if (envelope.action !== ACTION) return fail('INVALID_PAYLOAD', 'action debe ser ' + ACTION, 400);
if (envelope.requestId !== headers['x-request-id'] || envelope.timestamp !== headers['x-timestamp']) return fail('INVALID_PAYLOAD', 'X-Request-Id / X-Timestamp no coinciden con el cuerpo', 400);
for (const k of REQUIRED) if (!(k in (envelope.payload || {}))) return fail('INVALID_PAYLOAD', 'Falta payload.' + k, 400);
return [{ json: { ok: true, envelope } }];`;

const RESPOND = String.raw`// Arma el sobre de respuesta del contrato v1 con "data" (o con el error de "errorCode").
const input = $input.first().json;
const env = input.envelope;
const base = { requestId: env.requestId, executionId: String($execution.id), timestamp: new Date().toISOString() };
if (input.errorCode) return [{ json: { statusCode: 422, response: { success: false, ...base, data: null, errors: [{ code: input.errorCode, message: input.errorMessage || input.errorCode }] } } }];
return [{ json: { statusCode: 200, response: { success: true, ...base, data: input.data, errors: [] } } }];`;

/** The action logic: a starting point (replace with your AI / parsing nodes). */
const LOGIC = {
  parse_email: String.raw`// Punto de partida: lee monto y comercio del texto con expresiones regulares.
// Reemplazalo (o completalo) con un nodo de IA; devolvé data.transaction según el contrato.
const env = $input.first().json.envelope;
const p = env.payload;
const text = p.subject + '\n' + p.body;
const m = /(US\$|U\$S|USD|ARS|COP|\$)\s?([\d.,]+\d)/i.exec(text);
const merchant = (/\b(?:en|comercio:?)\s+([A-ZÁÉÍÓÚÑ0-9][A-ZÁÉÍÓÚÑ0-9 .*&'-]{1,40}?)(?=\s+(?:con|el|por|desde)\b|[.,;](?:\s|$)|$)/im.exec(p.body) || [])[1];
if (!m || !merchant) return [{ json: { envelope: env, errorCode: 'PARSE_FAILED', errorMessage: 'No se pudo extraer información de transacción' } }];
const raw = m[2];
const normalized = /,\d{2}$/.test(raw) ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/[.,](?=\d{3}(\D|$))/g, '');
const sym = m[1].toUpperCase();
const income = /acreditaci[oó]n|recibiste|dep[oó]sito|transferencia recibida/i.test(text);
return [{ json: { envelope: env, data: {
  transaction: {
    type: income ? 'income' : 'expense',
    amount: Number(normalized),
    currency: sym.includes('U') ? 'USD' : sym === 'COP' ? 'COP' : 'ARS',
    merchant: merchant.trim().toUpperCase(),
    category: 'other',
    confidence: 0.6,
    date: p.receivedAt,
    description: p.subject,
    accountLastFour: (/terminada en (\d{4})/i.exec(text) || [])[1] || null,
  },
  metadata: { parsingMethod: 'regex_n8n_template', processingTime: 0 },
} } }];`,
  classify_transaction: String.raw`// Punto de partida: reglas por palabra clave. Reemplazalo por un nodo de IA (OpenAI, etc.).
const env = $input.first().json.envelope;
const p = env.payload;
const rules = [[/netflix|spotify|disney|hbo/i, 'subscriptions', 'streaming'], [/super|carrefour|coto|dia|jumbo/i, 'groceries', 'supermarket'], [/uber|cabify|ypf|shell|axion/i, 'transport', null]];
const hit = rules.find(([re]) => re.test(p.merchant + ' ' + p.description));
const category = hit ? hit[1] : 'other';
return [{ json: { envelope: env, data: {
  classification: { category, subcategory: hit ? hit[2] : null, confidence: hit ? 0.8 : 0.3, isRecurring: category === 'subscriptions', recurringPattern: category === 'subscriptions' ? 'monthly' : null, tags: [category] },
  aiInsights: { model: 'reglas', reasoning: 'Plantilla de Contaflow: reglas por palabra clave', alternativeCategories: (p.userContext.previousCategories || []).filter((c) => c !== category).slice(0, 2).map((c) => ({ category: c, confidence: 0.2 })) },
} } }];`,
  evaluate_alerts: String.raw`// Punto de partida: umbral de presupuesto semanal y gasto inusual.
const env = $input.first().json.envelope;
const { transaction: t, userRules: r, historicalData: h } = env.payload;
const alerts = [];
if (r.weeklyBudget && r.currentWeekSpent / r.weeklyBudget >= r.alertThreshold) {
  const pct = Math.round((r.currentWeekSpent / r.weeklyBudget) * 100);
  alerts.push({ type: 'BUDGET_THRESHOLD', severity: pct >= 100 ? 'high' : 'medium', title: 'Estás llegando al límite', message: 'Gastaste el ' + pct + '% de tu presupuesto semanal', data: { budgetType: 'weekly', budgetAmount: r.weeklyBudget, spentAmount: r.currentWeekSpent, percentageUsed: pct } });
}
if ((r.unusualAmountThreshold !== null && t.amount >= r.unusualAmountThreshold) || (h.averageTransactionAmount > 0 && t.amount >= 3 * h.averageTransactionAmount)) {
  alerts.push({ type: 'UNUSUAL_AMOUNT', severity: 'medium', title: 'Gasto inusual detectado', message: 'Este gasto es mayor que tu promedio', data: { transactionAmount: t.amount, userAverage: h.averageTransactionAmount } });
}
if ((r.blockedCategories || []).includes(t.category)) alerts.push({ type: 'BLOCKED_CATEGORY', severity: 'high', title: 'Categoría bloqueada', message: 'Gasto en ' + t.category, data: { category: t.category } });
return [{ json: { envelope: env, data: {
  alerts,
  recommendations: alerts.length ? [{ type: 'BUDGET_ADJUSTMENT', message: "Considerá reducir gastos en '" + t.category + "'" }] : [],
  shouldNotify: alerts.some((a) => a.severity === 'high'),
  notificationPriority: alerts.some((a) => a.severity === 'high') ? 'high' : 'low',
} } }];`,
  financial_projection: String.raw`// Punto de partida: proyección lineal. Sumá un nodo de IA para el resumen (aiSummary).
const env = $input.first().json.envelope;
const p = env.payload;
const days = p.projectionType === 'monthly' ? 30 : 7;
const monthly = p.historicalData.expenses.last30Days;
const daily = Math.round(monthly / 30);
const est = daily * days;
const income = Math.round((p.historicalData.income.monthly / 30) * days);
const byCategory = Object.fromEntries(Object.entries(p.historicalData.expenses.byCategory).map(([k, v]) => [k, Math.round((v / 30) * days)]));
return [{ json: { envelope: env, data: {
  projection: { period: 'next_' + days + '_days', estimatedExpenses: est, estimatedIncome: income, projectedBalance: income - est, burnRate: { daily, weekly: daily * 7, monthly }, byCategory },
  insights: [],
  recommendations: [],
  goalProgress: p.goals.map((g) => ({ goal: g.type + ' ' + g.target, currentProgress: 0, percentage: 0, onTrack: false })),
  aiSummary: 'Proyección lineal: gastarías ' + est + ' en los próximos ' + days + ' días.',
} } }];`,
  sync_user: String.raw`// Guarda la configuración del usuario (acá: en los datos estáticos del workflow).
const env = $input.first().json.envelope;
const store = $getWorkflowStaticData('global');
store[env.userId] = { ...env.payload.userData, syncedAt: new Date().toISOString() };
const next = new Date(); next.setUTCHours(24, 0, 0, 0);
return [{ json: { envelope: env, data: { syncStatus: 'completed', updatedFields: Object.keys(env.payload.userData), workflowsUpdated: [], nextScheduledSync: next.toISOString() } } }];`,
};

const ENDPOINTS = {
  parse_email: ["parse-email", ["emailId", "from", "subject", "body", "receivedAt", "bank"]],
  classify_transaction: ["classify-transaction", ["transactionId", "amount", "merchant", "description", "date", "userContext"]],
  evaluate_alerts: ["evaluate-alerts", ["transaction", "userRules", "historicalData"]],
  financial_projection: ["financial-projection", ["projectionType", "historicalData", "goals"]],
  sync_user: ["sync-user", ["syncType", "userData"]],
};

let n = 0;
const id = (action, k) => `${action.replace(/_/g, "-")}-${k}-${String(++n).padStart(4, "0")}`;

for (const [action, [endpoint, required]] of Object.entries(ENDPOINTS)) {
  const respond = (name, x) => ({
    parameters: { respondWith: "json", responseBody: "={{ JSON.stringify($json.response) }}", options: { responseCode: "={{ $json.statusCode }}" } },
    id: id(action, "respond"),
    name,
    type: "n8n-nodes-base.respondToWebhook",
    typeVersion: 1.1,
    position: [x, name === "Responder" ? 200 : 420],
  });
  const workflow = {
    name: `Contaflow · ${endpoint} (contrato v1)`,
    nodes: [
      {
        parameters: { httpMethod: "POST", path: endpoint, responseMode: "responseNode", options: { rawBody: true } },
        id: id(action, "webhook"),
        name: "Webhook",
        type: "n8n-nodes-base.webhook",
        typeVersion: 2,
        position: [0, 300],
        webhookId: `contaflow-${endpoint}`,
      },
      {
        parameters: { mode: "runOnceForAllItems", jsCode: VERIFY.replace("__ACTION__", action).replace("__REQUIRED__", JSON.stringify(required)) },
        id: id(action, "verify"),
        name: "Verificar firma",
        type: "n8n-nodes-base.code",
        typeVersion: 2,
        position: [240, 300],
      },
      {
        parameters: {
          conditions: {
            options: { caseSensitive: true, leftValue: "", typeValidation: "loose" },
            conditions: [{ id: id(action, "cond"), leftValue: "={{ $json.ok }}", rightValue: true, operator: { type: "boolean", operation: "true", singleValue: true } }],
            combinator: "and",
          },
          options: {},
        },
        id: id(action, "if"),
        name: "¿Firma válida?",
        type: "n8n-nodes-base.if",
        typeVersion: 2,
        position: [480, 300],
      },
      { parameters: { mode: "runOnceForAllItems", jsCode: LOGIC[action] }, id: id(action, "logic"), name: `Procesar ${endpoint}`, type: "n8n-nodes-base.code", typeVersion: 2, position: [720, 200] },
      { parameters: { mode: "runOnceForAllItems", jsCode: RESPOND }, id: id(action, "envelope"), name: "Armar respuesta", type: "n8n-nodes-base.code", typeVersion: 2, position: [960, 200] },
      respond("Responder", 1200),
      respond("Responder error", 720),
    ],
    connections: {
      Webhook: { main: [[{ node: "Verificar firma", type: "main", index: 0 }]] },
      "Verificar firma": { main: [[{ node: "¿Firma válida?", type: "main", index: 0 }]] },
      "¿Firma válida?": { main: [[{ node: `Procesar ${endpoint}`, type: "main", index: 0 }], [{ node: "Responder error", type: "main", index: 0 }]] },
      [`Procesar ${endpoint}`]: { main: [[{ node: "Armar respuesta", type: "main", index: 0 }]] },
      "Armar respuesta": { main: [[{ node: "Responder", type: "main", index: 0 }]] },
    },
    settings: { executionOrder: "v1" },
    pinData: {},
    active: false,
    meta: { contaflowContract: "v1", action, endpoint: `/webhook/${endpoint}` },
  };
  writeFileSync(join(here, `${endpoint}.json`), `${JSON.stringify(workflow, null, 2)}\n`);
}
console.log("docs/n8n: 5 workflows written");
