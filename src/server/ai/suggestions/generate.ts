/**
 * Computes and stores a document's suggestions in three independent parts (the Inngest
 * function runs each as its own step; "Generar sugerencias" runs them in a row):
 *  - `rules`: anomalies (duplicate, CUIT, totals, unusual amount) and the supplier's last
 *    accepted account/category — no provider needed;
 *  - `ai-classification`: account + category from the tenant's provider (task "classification");
 *  - `ai-review`: extra anomalies from the provider (task "suggestions").
 * Each part replaces only its own PENDING suggestions; decided ones are kept, and a suggestion
 * already decided on this document (same kind and code) is not proposed again.
 */
import "server-only";
import { z } from "zod";
import { Prisma, type Document } from "@/generated/prisma/client";
import type { InvoiceFields } from "@/lib/documents/fields";
import { db, type Tx } from "@/server/db/client";
import { extractFields } from "@/server/documents/document-view";
import { AiCallError, activePrompt, loadAiProvider, type AiProvider } from "@/server/ai/provider";
import { ruleAnomalies, type RuleContext, type SuggestionDraft } from "./anomalies";

export type SuggestionPart = "rules" | "ai-classification" | "ai-review";
export const SUGGESTION_PARTS: readonly SuggestionPart[] = ["rules", "ai-classification", "ai-review"];

export type PartResult = { part: SuggestionPart; created: number; skipped?: "NO_PROVIDER" | "NOT_PROCESSED"; error?: string };

async function loadDocument(tenantId: string, documentId: string) {
  return db().document.findFirst({ where: { id: documentId, tenantId } });
}

async function ruleContext(client: Tx, doc: Document, fields: InvoiceFields): Promise<RuleContext> {
  const duplicates =
    fields.proveedorCuit && fields.puntoVenta !== null && fields.numero !== null
      ? await client.document.findMany({
          where: { tenantId: doc.tenantId, id: { not: doc.id }, proveedorCuit: fields.proveedorCuit, tipoCodigo: fields.tipoCodigo, puntoVenta: fields.puntoVenta, numero: BigInt(fields.numero) },
          select: { id: true, fileName: true, createdAt: true },
          orderBy: { createdAt: "asc" },
          take: 5,
        })
      : [];
  // Duplicates are not history: the same invoice twice says nothing about the usual amount.
  const exclude = [doc.id, ...duplicates.map((d) => d.id)];
  const history = fields.proveedorCuit
    ? await client.document.findMany({
        where: { tenantId: doc.tenantId, id: { notIn: exclude }, proveedorCuit: fields.proveedorCuit, status: "COMPLETED", total: { not: null }, moneda: fields.moneda ?? "PES" },
        select: { total: true },
        orderBy: { createdAt: "desc" },
        take: 50,
      })
    : [];
  return { duplicates, supplierTotals: history.map((h) => h.total!.toNumber()) };
}

/** The account/category accepted last time for this supplier ("lo mismo que la vez anterior"). */
async function learnedClassification(client: Tx, doc: Document): Promise<SuggestionDraft[]> {
  if (!doc.proveedorCuit) return [];
  // The last accepted account and category for this supplier, both in one query.
  const lastAccepted = await client.$queryRaw<{ kind: "ACCOUNT" | "CATEGORY"; code: string; label: string }[]>`
    SELECT DISTINCT ON (s.kind) s.kind::text AS kind, s.code, s.label
    FROM "DocumentSuggestion" s JOIN "Document" d ON d.id = s."documentId"
    WHERE s."tenantId" = ${doc.tenantId} AND s.kind IN ('ACCOUNT', 'CATEGORY') AND s.status = 'ACCEPTED'
      AND s."documentId" <> ${doc.id} AND d."proveedorCuit" = ${doc.proveedorCuit}
    ORDER BY s.kind, s."decidedAt" DESC`;
  return (["ACCOUNT", "CATEGORY"] as const).flatMap((kind) => {
    const last = lastAccepted.find((row) => row.kind === kind);
    if (!last) return [];
    return [
      {
        kind,
        code: last.code,
        label: last.label,
        reason: `Es ${kind === "ACCOUNT" ? "la cuenta" : "la categoría"} que aceptaron la última vez para este proveedor.`,
        source: "RULE" as const,
        confidence: 0.8,
      },
    ];
  });
}

function documentForAi(doc: Document, fields: InvoiceFields) {
  return JSON.stringify({ archivo: doc.fileName, ...fields }, null, 2);
}

const classificationReply = z.object({
  account: z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(200) }).nullable().optional(),
  category: z.object({ code: z.string().min(1).max(60), name: z.string().min(1).max(200) }).nullable().optional(),
  confidence: z.number().min(0).max(1).optional(),
  reason: z.string().max(1000).optional(),
});

const reviewReply = z.object({
  anomalies: z.array(z.object({ code: z.string().min(1).max(60), message: z.string().min(1).max(1000) })).max(10),
});

async function aiClassification(provider: AiProvider, doc: Document, fields: InvoiceFields): Promise<SuggestionDraft[]> {
  const system = await activePrompt(doc.tenantId, "classification");
  const reply = await provider.completeJson({ system, user: `Comprobante (JSON):\n${documentForAi(doc, fields)}`, schema: classificationReply, maxTokens: 400 });
  const out: SuggestionDraft[] = [];
  const confidence = reply.confidence ?? null;
  if (reply.account) out.push({ kind: "ACCOUNT", code: reply.account.code, label: reply.account.name, reason: reply.reason ?? null, source: "AI", confidence });
  if (reply.category) out.push({ kind: "CATEGORY", code: reply.category.code, label: reply.category.name, reason: reply.reason ?? null, source: "AI", confidence });
  return out;
}

async function aiReview(provider: AiProvider, doc: Document, fields: InvoiceFields): Promise<SuggestionDraft[]> {
  const system = await activePrompt(doc.tenantId, "suggestions");
  const reply = await provider.completeJson({ system, user: `Comprobante (JSON):\n${documentForAi(doc, fields)}`, schema: reviewReply, maxTokens: 600 });
  return reply.anomalies.map((a) => ({
    kind: "ANOMALY" as const,
    code: `AI_${a.code.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`.slice(0, 60),
    label: "Observación de la IA",
    reason: a.message,
    source: "AI" as const,
    confidence: null,
  }));
}

/** Which stored PENDING suggestions a part owns (and replaces). */
/** The suggestions a part owns (and replaces while PENDING). */
function partSql(part: SuggestionPart) {
  switch (part) {
    case "rules":
      return Prisma.sql`source = 'RULE'`;
    case "ai-classification":
      return Prisma.sql`source = 'AI' AND kind IN ('ACCOUNT', 'CATEGORY')`;
    case "ai-review":
      return Prisma.sql`source = 'AI' AND kind = 'ANOMALY'`;
  }
}

function store(doc: Document, part: SuggestionPart, drafts: SuggestionDraft[]): Promise<number> {
  return db().$transaction((tx) => storeIn(tx, doc, part, drafts));
}

async function storeIn(tx: Tx, doc: Document, part: SuggestionPart, drafts: SuggestionDraft[]): Promise<number> {
  // The part's PENDING ones go; what stays (decided, or other parts' pending) is not proposed
  // again — one statement: the SELECT sees the rows as before the DELETE, so it skips those deleted.
  const existing = await tx.$queryRaw<{ kind: string; code: string }[]>`
    WITH gone AS (DELETE FROM "DocumentSuggestion" WHERE "tenantId" = ${doc.tenantId} AND "documentId" = ${doc.id} AND status = 'PENDING' AND ${partSql(part)} RETURNING id)
    SELECT kind::text AS kind, code FROM "DocumentSuggestion" WHERE "tenantId" = ${doc.tenantId} AND "documentId" = ${doc.id} AND id NOT IN (SELECT id FROM gone)`;
  const seen = new Set(existing.map((d) => `${d.kind}:${d.code}`));
  const fresh = drafts.filter((d) => {
    const key = `${d.kind}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return 0;
  await tx.documentSuggestion.createMany({
    data: fresh.map((d) => ({
      tenantId: doc.tenantId,
      documentId: doc.id,
      kind: d.kind,
      code: d.code,
      label: d.label,
      reason: d.reason,
      detail: d.detail as object | undefined,
      source: d.source,
      confidence: d.confidence,
      documentVersion: doc.version,
    })),
  });
  return fresh.length;
}

async function ruleDrafts(client: Tx, doc: Document): Promise<SuggestionDraft[]> {
  const fields = extractFields(doc);
  return [...ruleAnomalies(fields, await ruleContext(client, doc, fields)), ...(await learnedClassification(client, doc))];
}

/**
 * The `rules` part inside the caller's transaction: the parse's save step stores them with the
 * result, so a tenant without AI needs no suggestions run at all.
 */
export async function storeRuleSuggestions(tx: Tx, doc: Document): Promise<number> {
  return storeIn(tx, doc, "rules", await ruleDrafts(tx, doc));
}

/** One part for one document. AI problems are reported in the result, never thrown (except retryable ones when asked). */
export async function runSuggestionPart(tenantId: string, documentId: string, part: SuggestionPart, opts: { throwRetryable?: boolean } = {}): Promise<PartResult> {
  const doc = await loadDocument(tenantId, documentId);
  if (!doc || doc.status !== "COMPLETED") return { part, created: 0, skipped: "NOT_PROCESSED" };
  if (part === "rules") return { part, created: await store(doc, part, await ruleDrafts(db(), doc)) };
  const fields = extractFields(doc);
  const provider = await loadAiProvider(tenantId, part === "ai-classification" ? "classification" : "suggestions");
  if (!provider) return { part, created: 0, skipped: "NO_PROVIDER" };
  try {
    const drafts = part === "ai-classification" ? await aiClassification(provider, doc, fields) : await aiReview(provider, doc, fields);
    return { part, created: await store(doc, part, drafts) };
  } catch (e) {
    if (!(e instanceof AiCallError)) throw e;
    if (opts.throwRetryable && e.retryable) throw e;
    return { part, created: 0, error: e.message };
  }
}

/** Every part in a row ("Generar sugerencias" and tests). */
export async function generateSuggestions(tenantId: string, documentId: string): Promise<PartResult[]> {
  const results: PartResult[] = [];
  for (const part of SUGGESTION_PARTS) results.push(await runSuggestionPart(tenantId, documentId, part));
  return results;
}
