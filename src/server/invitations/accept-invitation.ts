import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import type { SessionUser } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { RoleName } from "@/lib/roles";
import { requestSyncOnChange } from "@/server/movements/sync";
import { hashInvitationToken } from "./tokens";

export type InvitationState = "PENDING" | "EXPIRED" | "ACCEPTED" | "REVOKED";
export type InvitationPreview =
  | { state: "INVALID" }
  | { state: InvitationState; email: string; role: RoleName; tenantName: string; inviterName: string | null; expiresAt: Date; accountExists: boolean };

async function findByToken(token: string) {
  return db().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { tenant: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
}

function stateOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (inv.acceptedAt) return "ACCEPTED";
  if (inv.revokedAt) return "REVOKED";
  return inv.expiresAt <= now ? "EXPIRED" : "PENDING";
}

/** What the invitation page shows to whoever holds the link (signed in or not). */
export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const inv = await findByToken(token);
  if (!inv) return { state: "INVALID" };
  const account = await db().user.findFirst({ where: { email: { equals: inv.email, mode: "insensitive" } }, select: { id: true } });
  return { state: stateOf(inv), email: inv.email, role: inv.role, tenantName: inv.tenant.name, inviterName: inv.invitedBy?.name ?? null, expiresAt: inv.expiresAt, accountExists: Boolean(account) };
}

const refusal: Record<Exclude<InvitationState, "PENDING">, string> = {
  ACCEPTED: "Esta invitación ya se usó",
  REVOKED: "Esta invitación fue revocada: pedile una nueva a un administrador",
  EXPIRED: "Esta invitación venció: pedile a un administrador que te la reenvíe",
};

/**
 * Joins the signed-in user to the invitation's tenant with its role. Single use: the claim is a
 * conditional update, so two concurrent accepts cannot both succeed.
 */
export async function acceptInvitation(user: SessionUser, token: string) {
  const inv = await findByToken(token);
  if (!inv) throw new AppError("NOT_FOUND", "La invitación no existe o fue reemplazada por una más nueva");
  const state = stateOf(inv);
  if (state !== "PENDING") throw new AppError("CONFLICT", refusal[state]);
  if (user.email.toLowerCase() !== inv.email) {
    throw new AppError("FORBIDDEN", `Esta invitación es para ${inv.email} y ingresaste como ${user.email}. Cerrá sesión e ingresá (o creá tu cuenta) con ${inv.email}.`);
  }
  const role = await db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { acceptedAt: now, acceptedById: user.id } });
    if (claimed.count === 0) throw new AppError("CONFLICT", refusal.ACCEPTED);
    const existing = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: inv.tenantId, userId: user.id } }, select: { role: true } });
    if (!existing) await tx.membership.create({ data: { tenantId: inv.tenantId, userId: user.id, role: inv.role } });
    const joinedAs = existing?.role ?? inv.role;
    await recordAudit(tx, { tenantId: inv.tenantId, userId: user.id }, { action: "INVITATION_ACCEPTED", target: { name: user.name, email: user.email }, newValue: joinedAs });
    return joinedAs;
  });
  await requestSyncOnChange(inv.tenantId, "member-joined");
  return { tenantId: inv.tenantId, tenantName: inv.tenant.name, role };
}
