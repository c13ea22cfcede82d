#!/usr/bin/env node
/**
 * Writes the five importable n8n workflows of the Contaflow ↔ n8n contract v1 (one per
 * endpoint): Webhook (POST /webhook/<endpoint>, raw body) → "Verificar firma" (X-Webhook-Token,
 * X-Signature = HMAC-SHA256 hex of the exact body, any ISO X-Timestamp within a configurable skew, envelope)
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
// Necesita en n8n (docs/n8n/README.md): NODE_FUNCTION_ALLOW_BUILTIN=crypto, N8N_BLOCK_ENV_ACCESS_IN_NODE=false,
// CONTAFLOW_WEBHOOK_TOKEN y CONTAFLOW_SIGNING_SECRET; opcional CONTAFLOW_MAX_SKEW_SECONDS (300 por omisión).
// Si falta algo responde INTERNAL_ERROR con details.setting = el ajuste que falta («Revisar mi configuración» en Contaflow lo muestra).
const ACTION = '__ACTION__';
const REQUIRED = __REQUIRED__;
const item = $input.first();
const headers = Object.fromEntries(Object.entries(item.json.headers || {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
const fail = (code, message, statusCode, details) => [{ json: { ok: false, statusCode, response: { success: false, requestId: headers['x-request-id'] || '', executionId: String($execution.id), timestamp: new Date().toISOString(), data: null, errors: [{ code, message, details: details || {} }] } } }];

let crypto;
try { crypto = require('crypto'); } catch (e) { return fail('INTERNAL_ERROR', 'n8n no permite usar crypto en los nodos Code', 500, { setting: 'NODE_FUNCTION_ALLOW_BUILTIN', expected: 'crypto' }); }
let token, secret, skewSetting;
try { token = $env.CONTAFLOW_WEBHOOK_TOKEN; secret = $env.CONTAFLOW_SIGNING_SECRET; skewSetting = $env.CONTAFLOW_MAX_SKEW_SECONDS; } catch (e) { return fail('INTERNAL_ERROR', 'n8n no deja leer variables de entorno en los nodos Code', 500, { setting: 'N8N_BLOCK_ENV_ACCESS_IN_NODE', expected: 'false' }); }
if (!token) return fail('INTERNAL_ERROR', 'Falta CONTAFLOW_WEBHOOK_TOKEN en n8n', 500, { setting: 'CONTAFLOW_WEBHOOK_TOKEN' });
if (!secret) return fail('INTERNAL_ERROR', 'Falta CONTAFLOW_SIGNING_SECRET en n8n', 500, { setting: 'CONTAFLOW_SIGNING_SECRET' });
const maxSkewMs = (Number(skewSetting) > 0 ? Number(skewSetting) : 300) * 1000;

const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const given = headers['x-webhook-token'] || '';
if (given.length !== token.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(token))) return fail('AUTH_FAILED', 'Token inválido', 401, { header: 'X-Webhook-Token' });
const expected = crypto.createHmac('sha256', secret).update(raw).digest('hex');
const signature = (headers['x-signature'] || '').toLowerCase();
if (!/^[0-9a-f]{64}$/.test(signature) || !crypto.timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex'))) return fail('AUTH_FAILED', 'Firma inválida', 401, { header: 'X-Signature' });
// Any valid ISO 8601 instant within the allowed skew (the contract does not ask for one exact spelling).
const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;
const stamp = headers['x-timestamp'] || '';
const ts = iso.test(stamp) ? Date.parse(stamp) : NaN;
if (Number.isNaN(ts)) return fail('AUTH_FAILED', 'X-Timestamp ausente o no es ISO 8601', 401, { header: 'X-Timestamp' });
if (Math.abs(Date.now() - ts) > maxSkewMs) return fail('AUTH_FAILED', 'X-Timestamp fuera de la ventana de ' + maxSkewMs / 1000 + ' s', 401, { header: 'X-Timestamp', maxSkewSeconds: maxSkewMs / 1000 });

let envelope;
try { envelope = JSON.parse(raw.toString('utf8')); } catch (e) { return fail('INVALID_PAYLOAD', 'El cuerpo no es JSON', 400, { reason: 'not_json' }); }
for (const k of ['requestId', 'timestamp', 'userId', 'action', 'payload']) if (!(k in envelope)) return fail('INVALID_PAYLOAD', 'Falta ' + k, 400, { field: k });
if (envelope.action !== ACTION) return fail('INVALID_PAYLOAD', 'action debe ser ' + ACTION, 400, { field: 'action', expected: ACTION });
if (Number.isNaN(Date.parse(envelope.timestamp))) return fail('INVALID_PAYLOAD', 'timestamp no es ISO 8601', 400, { field: 'timestamp' });
for (const k of REQUIRED) if (!(k in (envelope.payload || {}))) return fail('INVALID_PAYLOAD', 'Falta payload.' + k, 400, { field: 'payload.' + k });
return [{ json: { ok: true, envelope } }];`;

const RESPOND = String.raw`// Arma el sobre de respuesta del contrato v1 con "data" (o con el error de "errorCode" y sus "details").
const input = $input.first().json;
const env = input.envelope;
const base = { requestId: env.requestId, executionId: String($execution.id), timestamp: new Date().toISOString() };
if (input.errorCode) return [{ json: { statusCode: 422, response: { success: false, ...base, data: null, errors: [{ code: input.errorCode, message: input.errorMessage || input.errorCode, details: input.errorDetails || {} }] } } }];
return [{ json: { statusCode: 200, response: { success: true, ...base, data: input.data, errors: [] } } }];`;

/** The action logic: a starting point (replace with your AI / parsing nodes). */
const LOGIC = {
  parse_email: String.raw`// Punto de partida: lee avisos bancarios con expresiones regulares (los ejemplos del contrato y
// avisos habituales de bancos argentinos: Galicia, Santander, BBVA, Mercado Pago, Brubank, Macro…).
// Reemplazalo (o completalo) con un nodo de IA; devolvé data.transaction según el contrato.
const env = $input.first().json.envelope;
const p = env.payload;
const body = String(p.body || '').replace(/\s+/g, ' ').trim();
const text = String(p.subject || '') + ' \n ' + body;
const fail = (reason) => [{ json: { envelope: env, errorCode: 'PARSE_FAILED', errorMessage: 'No se pudo extraer información de transacción', errorDetails: { reason } } }];

// Amount: "$ 45.000,00", "$45,000", "ARS 1.234,56", "USD 15,99", "U$S 20", "$3.250".
const AMOUNT = /(US\$|U\$S|USD|ARS|COP|\$)\s?(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)/i;
const preferred = /(?:importe|monto|total|por|de)\s*:?\s*((?:US\$|U\$S|USD|ARS|COP|\$)\s?[\d.,]*\d)/i.exec(body);
const m = AMOUNT.exec(preferred ? preferred[1] : text);
if (!m) return fail('amount_not_found');
const rawAmount = m[2];
// A final ",dd" / ".dd" is the decimal part; every other "." or "," groups thousands.
const dec = /[.,](\d{1,2})$/.exec(rawAmount);
const normalized = dec ? rawAmount.slice(0, -dec[0].length).replace(/[.,]/g, '') + '.' + dec[1] : rawAmount.replace(/[.,]/g, '');
const amount = Number(normalized);
if (!(amount > 0)) return fail('amount_not_found');

const sym = m[1].toUpperCase();
const fromCo = /\.co(\W|$)|bancolombia|nequi|davivienda/i.test(String(p.from || '') + ' ' + String(p.bank || ''));
const currency = sym.includes('U') ? 'USD' : sym === 'COP' || (sym === '$' && fromCo) ? 'COP' : 'ARS';

// Merchant: tried in order; "en tu cuenta", "en cuotas", "en tu tarjeta" are never merchants.
const NAME = "([\\p{L}\\d][\\p{L}\\d .*&'/_-]{0,60}?)";
const END = "(?=\\s+(?:con|el|por|desde|en tu|en su|en \\d+ cuotas|el d[ií]a|CBU|CVU)\\b|\\s*[.,;:](?:\\s|$)|\\.{2,}|\\s*$)";
const patterns = [
  new RegExp('(?:comercio|establecimiento|destinatario|origen)\\s*:\\s*' + NAME + END, 'iu'),
  new RegExp('\\bde\\s+(?![$\\d]|US|ARS|COP)' + NAME + '\\s+(?=en tu cuenta|en su cuenta|a tu cuenta)', 'iu'),
  new RegExp('\\ben\\s+(?!tu\\b|su\\b|cuotas\\b|cuenta\\b|\\d)' + NAME + END, 'iu'),
  new RegExp('\\b(?:pagaste|transferiste|enviaste)\\b[^\\n]*?\\ba\\s+(?![$\\d])' + NAME + END, 'iu'),
  new RegExp('\\b(?:te (?:envi[oó]|transfiri[oó])|recibiste)[^\\n]*?\\bde\\s+(?![$\\d]|US|ARS|COP)' + NAME + END, 'iu'),
  new RegExp('\\b(?:enviada|transferencia)[^\\n]*?\\ba\\s+(?![$\\d])' + NAME + END, 'iu'),
];
let merchant = null;
for (const re of patterns) {
  const hit = re.exec(body);
  const name = hit && hit[1].replace(/[.\s]+$/, '').trim();
  if (name && !/^(tu|su)\s/i.test(name)) { merchant = name; break; }
}
if (!merchant) return fail('merchant_not_found');

const income = /acreditaci[oó]n|acreditamos|recibiste|te (?:envi[oó]|transfiri[oó])|dep[oó]sito|transferencia recibida|cobraste|ingres[oó] (?:dinero|una transferencia)/i.test(text);
const last4 = (/terminad[ao] en (\d{4})/i.exec(text) || /\*\s?(\d{4})\b/.exec(text) || /(?:tarjeta|cuenta)[^.\d]{0,30}(\d{4})\b/i.exec(text) || [])[1] || null;
return [{ json: { envelope: env, data: {
  transaction: {
    type: income ? 'income' : 'expense',
    amount,
    currency,
    merchant: merchant.toUpperCase().slice(0, 200),
    category: 'other',
    confidence: 0.6,
    date: p.receivedAt,
    description: String(p.subject || '').slice(0, 1000),
    accountLastFour: last4,
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
  evaluate_alerts: String.raw`// Punto de partida: umbral de presupuesto semanal y gasto inusual, como lee el contrato:
// currentWeekSpent es lo gastado en la semana ANTES de esta compra; weeklyBudget 0 = sin presupuesto;
// unusualAmountThreshold 0 = sin umbral.
const env = $input.first().json.envelope;
const { transaction: t, userRules: r, historicalData: h } = env.payload;
const alerts = [];
const spent = r.currentWeekSpent + t.amount;
if (r.weeklyBudget > 0 && spent / r.weeklyBudget >= r.alertThreshold) {
  const pct = Math.round((spent / r.weeklyBudget) * 100);
  alerts.push({ type: pct >= 100 ? 'BUDGET_EXCEEDED' : 'BUDGET_THRESHOLD', severity: pct >= 100 ? 'high' : 'medium', title: pct >= 100 ? 'Superaste tu presupuesto semanal' : 'Estás llegando al límite', message: 'Gastaste el ' + pct + '% de tu presupuesto semanal', data: { budgetType: 'weekly', budgetAmount: r.weeklyBudget, spentAmount: spent, percentageUsed: pct } });
}
if ((r.unusualAmountThreshold > 0 && t.amount >= r.unusualAmountThreshold) || (h.averageTransactionAmount > 0 && t.amount >= 3 * h.averageTransactionAmount)) {
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
