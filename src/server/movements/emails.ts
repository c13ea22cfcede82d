/**
 * Bank e-mails in: pasted text, an uploaded .eml, or a message POSTed to the inbound endpoint.
 * Each becomes a BankEmail row and a `movements/email.received` event (parse-email runs as an
 * Inngest function). The same Message-ID is stored once per organization.
 */
import "server-only";
import type { z } from "zod";
import { inngest } from "~/inngest/client";
import { bankEmailReceived, bankTransactionCreated } from "~/inngest/events";
import type { BankEmailSource, BankEmailStatus } from "@/generated/prisma/client";
import { pasteEmailInput, resolveReviewInput, uploadEmlInput } from "@/lib/schemas/movements";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { assertN8nReady } from "./availability";
import { bankFromAddress, looksLikeRawMessage, parseMime, type ParsedEmail } from "./mime";

const log = logger.child({ module: "movements-emails" });

export type IngestResult = { id: string; duplicate: boolean; status: BankEmailStatus };

export async function ingestBankEmail(tenantId: string, source: BankEmailSource, email: ParsedEmail, createdById: string | null = null): Promise<IngestResult> {
  if (!email.body.trim()) throw AppError.field("body", "El correo no tiene texto para leer");
  if (email.messageId) {
    const existing = await db().bankEmail.findUnique({ where: { tenantId_messageId: { tenantId, messageId: email.messageId } } });
    if (existing) return { id: existing.id, duplicate: true, status: existing.status };
  }
  const row = await db().bankEmail.create({
    data: {
      tenantId,
      source,
      fromAddress: email.from.slice(0, 320),
      subject: email.subject.slice(0, 500),
      body: email.body,
      receivedAt: email.receivedAt ?? new Date(),
      bank: bankFromAddress(email.from) || null,
      messageId: email.messageId,
      createdById,
    },
  });
  await dispatchEmail(tenantId, row.id);
  return { id: row.id, duplicate: false, status: row.status };
}

/** Starts parse-email. A failure leaves the e-mail PENDING with a «Reprocesar» button. */
async function dispatchEmail(tenantId: string, emailId: string) {
  try {
    await inngest.send(bankEmailReceived.create({ tenantId, emailId }));
  } catch (err) {
    log.warn({ err, tenantId, emailId }, "could not start parse-email");
    await db().bankEmail.update({ where: { id: emailId }, data: { errorMessage: "No se pudo iniciar el procesamiento; probá «Reprocesar»." } });
  }
}

export async function pasteBankEmail(scope: TenantScope, raw: z.input<typeof pasteEmailInput>): Promise<IngestResult> {
  const input = pasteEmailInput.parse(raw);
  await assertN8nReady(scope);
  if (!input.from && !input.subject && looksLikeRawMessage(input.body)) {
    return ingestBankEmail(scope.tenantId, "PASTED", await parseMime(input.body), scope.userId);
  }
  return ingestBankEmail(scope.tenantId, "PASTED", { from: input.from, subject: input.subject, body: input.body, receivedAt: new Date(), messageId: null }, scope.userId);
}

export async function uploadEml(scope: TenantScope, raw: z.input<typeof uploadEmlInput>): Promise<IngestResult> {
  const input = uploadEmlInput.parse(raw);
  await assertN8nReady(scope);
  let parsed: ParsedEmail;
  try {
    parsed = await parseMime(input.content);
  } catch {
    throw AppError.field("file", `No pudimos leer «${input.fileName}» como correo (.eml)`);
  }
  if (!parsed.body) throw AppError.field("file", `«${input.fileName}» no tiene texto legible`);
  return ingestBankEmail(scope.tenantId, "EML", parsed, scope.userId);
}

const emailSelect = { id: true, source: true, fromAddress: true, subject: true, receivedAt: true, bank: true, status: true, errorCode: true, errorMessage: true, createdAt: true, transaction: { select: { id: true } } } as const;

export async function listBankEmails(scope: TenantScope, status?: BankEmailStatus) {
  return db().bankEmail.findMany({ where: scoped(scope, status ? { status } : {}), orderBy: { createdAt: "desc" }, take: 50, select: { ...emailSelect, body: true } });
}

export async function reprocessBankEmail(scope: TenantScope, id: string) {
  const email = await db().bankEmail.findFirst({ where: scoped(scope, { id }) });
  if (!email) throw AppError.notFound("Correo");
  if (email.status === "PARSED" || email.status === "RESOLVED") throw new AppError("CONFLICT", "Este correo ya tiene su movimiento");
  await assertN8nReady(scope);
  await db().bankEmail.update({ where: { id }, data: { status: "PENDING", errorCode: null, errorMessage: null } });
  await dispatchEmail(scope.tenantId, id);
  return { id };
}

/** Manual review (PARSE_FAILED): enter the movement by hand, or discard the e-mail. */
export async function resolveReview(scope: TenantScope, raw: z.input<typeof resolveReviewInput>) {
  const input = resolveReviewInput.parse(raw);
  const email = await db().bankEmail.findFirst({ where: scoped(scope, { id: input.emailId }) });
  if (!email) throw AppError.notFound("Correo");
  if (email.status !== "MANUAL_REVIEW" && email.status !== "FAILED") throw new AppError("CONFLICT", "Este correo no está pendiente de revisión");
  if (input.action === "discard") {
    await db().bankEmail.update({ where: { id: email.id }, data: { status: "RESOLVED" } });
    return { id: email.id, transactionId: null };
  }
  const txn = await db().$transaction(async (tx) => {
    const created = await tx.bankTransaction.create({
      data: { tenantId: scope.tenantId, emailId: email.id, type: input.type, amount: input.amount, currency: input.currency, merchant: input.merchant, date: input.date, parsingMethod: "manual" },
    });
    await tx.bankEmail.update({ where: { id: email.id }, data: { status: "RESOLVED" } });
    return created;
  });
  await inngest.send(bankTransactionCreated.create({ tenantId: scope.tenantId, transactionId: txn.id })).catch((err: unknown) => log.warn({ err }, "could not start classify-transaction"));
  return { id: email.id, transactionId: txn.id };
}
