/**
 * Transactions: built from parse-email's validated answer, classified by classify-transaction
 * (or a local rule when the AI keeps failing), overridden by people. Nothing from n8n reaches
 * these rows without passing the contract's zod schemas first (src/server/n8n/contract.ts).
 */
import "server-only";
import type { z } from "zod";
import type { BankTransaction } from "@/generated/prisma/client";
import { overrideCategoryInput, type listTransactionsInput } from "@/lib/schemas/movements";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { N8nData, N8nPayload } from "@/server/n8n/contract";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { localCategory } from "./fallback";
import { num } from "./money";
import { categoryBudgetsSchema, ensureProfile } from "./profile-store";

// ── parse-email ─────────────────────────────────────────────────────────────────────────────

export async function buildParseEmailPayload(tenantId: string, emailId: string): Promise<N8nPayload<"parse_email">> {
  const e = await db().bankEmail.findFirstOrThrow({ where: { tenantId, id: emailId } });
  return { emailId: e.id, from: e.fromAddress, subject: e.subject, body: e.body, receivedAt: e.receivedAt.toISOString(), bank: e.bank ?? "" };
}

/** Creates the transaction of a parsed e-mail (once: a repeated step finds the existing one). */
export async function saveParsedTransaction(tenantId: string, emailId: string, data: N8nData<"parse_email">): Promise<{ transactionId: string; created: boolean }> {
  return db().$transaction(async (tx) => {
    const existing = await tx.bankTransaction.findUnique({ where: { emailId } });
    if (existing) return { transactionId: existing.id, created: false };
    const t = data.transaction;
    const created = await tx.bankTransaction.create({
      data: {
        tenantId,
        emailId,
        type: t.type,
        amount: t.amount,
        currency: t.currency.toUpperCase(),
        merchant: t.merchant,
        description: t.description ?? "",
        date: new Date(t.date),
        accountLastFour: t.accountLastFour ?? null,
        parsedCategory: t.category ?? null,
        parseConfidence: t.confidence ?? null,
        parsingMethod: data.metadata?.parsingMethod ?? null,
      },
    });
    await tx.bankEmail.update({ where: { id: emailId }, data: { status: "PARSED", errorCode: null, errorMessage: null } });
    return { transactionId: created.id, created: true };
  });
}

export async function markEmailFailed(tenantId: string, emailId: string, status: "MANUAL_REVIEW" | "FAILED", code: string, message: string) {
  await db().bankEmail.updateMany({ where: { tenantId, id: emailId, status: { in: ["PENDING", "FAILED", "MANUAL_REVIEW"] } }, data: { status, errorCode: code, errorMessage: message.slice(0, 1000) } });
}

// ── classify-transaction ────────────────────────────────────────────────────────────────────

export async function buildClassifyPayload(tenantId: string, transactionId: string): Promise<N8nPayload<"classify_transaction">> {
  const t = await db().bankTransaction.findFirstOrThrow({ where: { tenantId, id: transactionId } });
  const profile = await ensureProfile(tenantId);
  const previous = await db().bankTransaction.findMany({
    where: { tenantId, category: { not: null }, id: { not: t.id } },
    orderBy: { date: "desc" },
    take: 100,
    distinct: ["category"],
    select: { category: true },
  });
  return {
    transactionId: t.id,
    amount: num(t.amount)!,
    merchant: t.merchant,
    description: t.description,
    date: t.date.toISOString(),
    userContext: { previousCategories: previous.map((p) => p.category!).slice(0, 20), monthlyBudgets: categoryBudgetsSchema.catch({}).parse(profile.categoryBudgets) },
  };
}

type ClassifyOutcome = { ok: true; data: N8nData<"classify_transaction"> } | { ok: false; fallback: boolean; message: string };

/** Stores the classification (unless a person already chose the category). Returns whether alerts should be evaluated. */
export async function saveClassification(tenantId: string, transactionId: string, outcome: ClassifyOutcome): Promise<{ category: string | null; evaluate: boolean }> {
  const t = await db().bankTransaction.findFirstOrThrow({ where: { tenantId, id: transactionId } });
  if (t.classificationStatus === "OVERRIDDEN") return { category: t.category, evaluate: t.alertsStatus === "PENDING" };
  if (outcome.ok) {
    const c = outcome.data.classification;
    const ai = outcome.data.aiInsights;
    await db().bankTransaction.update({
      where: { id: t.id },
      data: {
        classificationStatus: "CLASSIFIED",
        category: c.category,
        subcategory: c.subcategory ?? null,
        classificationConfidence: c.confidence,
        isRecurring: c.isRecurring,
        recurringPattern: c.recurringPattern ?? null,
        tags: c.tags,
        alternatives: ai?.alternativeCategories ?? [],
        aiModel: ai?.model ?? null,
        aiReasoning: ai?.reasoning ?? null,
        classificationError: null,
      },
    });
    return { category: c.category, evaluate: true };
  }
  if (outcome.fallback) {
    const category = localCategory(t.merchant, t.description, t.parsedCategory);
    await db().bankTransaction.update({ where: { id: t.id }, data: { classificationStatus: "FALLBACK", category, classificationError: outcome.message.slice(0, 1000) } });
    return { category, evaluate: true };
  }
  await db().bankTransaction.update({ where: { id: t.id }, data: { classificationStatus: "FAILED", category: t.parsedCategory, classificationError: outcome.message.slice(0, 1000) } });
  return { category: t.parsedCategory, evaluate: t.parsedCategory !== null };
}

// ── views and overrides ─────────────────────────────────────────────────────────────────────

export function toTransactionView(t: BankTransaction & { alerts?: { id: string }[] }) {
  return {
    id: t.id,
    type: t.type as "expense" | "income",
    amount: num(t.amount)!,
    currency: t.currency,
    merchant: t.merchant,
    description: t.description,
    date: t.date,
    accountLastFour: t.accountLastFour,
    classificationStatus: t.classificationStatus,
    category: t.category,
    subcategory: t.subcategory,
    confidence: t.classificationConfidence,
    isRecurring: t.isRecurring,
    recurringPattern: t.recurringPattern,
    tags: t.tags,
    alternatives: (Array.isArray(t.alternatives) ? t.alternatives : []) as { category: string; confidence: number }[],
    aiReasoning: t.aiReasoning,
    suggestedCategory: t.suggestedCategory,
    classificationError: t.classificationError,
    alertsStatus: t.alertsStatus,
    alertsError: t.alertsError,
    alertCount: t.alerts?.length ?? 0,
    createdAt: t.createdAt,
  };
}
export type TransactionView = ReturnType<typeof toTransactionView>;

export async function listTransactions(scope: TenantScope, input: z.output<typeof listTransactionsInput>) {
  const rows = await db().bankTransaction.findMany({
    where: scoped(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    include: { alerts: { select: { id: true } } },
  });
  const items = rows.slice(0, input.limit).map(toTransactionView);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}

export async function overrideCategory(scope: TenantScope, raw: z.input<typeof overrideCategoryInput>) {
  const input = overrideCategoryInput.parse(raw);
  const t = await db().bankTransaction.findFirst({ where: scoped(scope, { id: input.id }) });
  if (!t) throw AppError.notFound("Movimiento");
  const updated = await db().bankTransaction.update({
    where: { id: t.id },
    data: {
      category: input.category,
      subcategory: input.subcategory ?? null,
      classificationStatus: "OVERRIDDEN",
      suggestedCategory: t.classificationStatus === "OVERRIDDEN" ? t.suggestedCategory : t.category,
    },
  });
  return toTransactionView(updated);
}
