import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertWithinLimit, limitState } from "@/server/plans/usage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { InviteInput } from "@/lib/schemas/invitations";
import type { RoleName } from "@/lib/roles";
import type { Locale } from "@/i18n/config";
import { sendInvitationMail } from "./invitation-mail";
import { pendingInvitationsWhere } from "./pending";
import { newInvitationToken } from "./tokens";

function assertMayGrant(scope: TenantScope, role: RoleName, field?: string) {
  if (role !== "OWNER" || scope.role === "OWNER") return;
  const message = "Solo un dueño (OWNER) puede invitar a otro dueño";
  throw field ? AppError.field(field, message, "FORBIDDEN") : new AppError("FORBIDDEN", message);
}

async function names(scope: TenantScope) {
  const [tenant, inviter] = await Promise.all([
    db().tenant.findUniqueOrThrow({ where: { id: scope.tenantId }, select: { name: true, timeZone: true } }),
    db().user.findUnique({ where: { id: scope.userId }, select: { name: true } }),
  ]);
  return { tenantName: tenant.name, timeZone: tenant.timeZone, inviterName: inviter?.name ?? "Un administrador" };
}

/** Pending and expired (not accepted, not revoked) invitations, plus the seats the plan allows. */
export async function listInvitations(scope: TenantScope) {
  const now = new Date();
  const [rows, seats] = await Promise.all([
    db().invitation.findMany({
      where: scoped(scope, { acceptedAt: null, revokedAt: null }),
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, lastSentAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    }),
    limitState(scope.tenantId, "users"),
  ]);
  const items = rows.map(({ invitedBy, ...r }) => ({ ...r, invitedByName: invitedBy?.name ?? null, status: r.expiresAt > now ? ("PENDING" as const) : ("EXPIRED" as const) }));
  return { items, seats, canInviteOwner: scope.role === "OWNER" };
}

/**
 * Invites `email` with `role`: refuses members and addresses with a pending invitation (field
 * errors), checks the plan's user limit first, then stores the hashed token and e-mails the link.
 */
/** `locale`: the inviter's language, which the invitation e-mail is written in. */
export async function inviteMember(scope: TenantScope, input: InviteInput, locale?: Locale) {
  assertMayGrant(scope, input.role, "role");
  const email = input.email.trim().toLowerCase();
  const member = await db().membership.findFirst({ where: scoped(scope, { user: { email: { equals: email, mode: "insensitive" as const } } }), select: { id: true } });
  if (member) throw AppError.field("email", "Esa persona ya es miembro de la organización", "CONFLICT");
  const pending = await db().invitation.findFirst({ where: { ...pendingInvitationsWhere(scope), email }, select: { id: true } });
  if (pending) throw AppError.field("email", "Ya hay una invitación pendiente para ese e-mail: podés reenviarla desde la lista", "CONFLICT");
  await assertWithinLimit(scope, "users");

  const { token, tokenHash, expiresAt } = newInvitationToken();
  const invitation = await db().$transaction(async (tx) => {
    // Expired invitations to the same address are superseded by this one.
    await tx.invitation.updateMany({ where: scoped(scope, { email, acceptedAt: null, revokedAt: null }), data: { revokedAt: new Date() } });
    const created = await tx.invitation.create({
      data: { tenantId: scope.tenantId, email, role: input.role, tokenHash, invitedById: scope.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAudit(tx, scope, { action: "MEMBER_INVITED", target: { email }, newValue: input.role });
    return created;
  });
  const sent = await sendInvitationMail({ ...(await names(scope)), email, role: input.role, token, expiresAt, locale });
  return { invitation, ...sent };
}

async function findOpenInvitation(scope: TenantScope, id: string) {
  const invitation = await db().invitation.findFirst({ where: scoped(scope, { id, acceptedAt: null, revokedAt: null }) });
  if (!invitation) throw AppError.notFound("Invitación");
  assertMayGrant(scope, invitation.role);
  return invitation;
}

/** A new link (the previous one stops working) valid for 7 more days, e-mailed again. */
export async function resendInvitation(scope: TenantScope, id: string, locale?: Locale) {
  const invitation = await findOpenInvitation(scope, id);
  // An expired invitation holds no seat; renewing it takes one again.
  if (invitation.expiresAt <= new Date()) await assertWithinLimit(scope, "users");
  const { token, tokenHash, expiresAt } = newInvitationToken();
  await db().$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: scoped(scope, { id }), data: { tokenHash, expiresAt, lastSentAt: new Date() } });
    await recordAudit(tx, scope, { action: "INVITATION_RESENT", target: { email: invitation.email }, newValue: invitation.role });
  });
  const sent = await sendInvitationMail({ ...(await names(scope)), email: invitation.email, role: invitation.role, token, expiresAt, locale });
  return { id, ...sent };
}

export async function revokeInvitation(scope: TenantScope, id: string) {
  const invitation = await findOpenInvitation(scope, id);
  await db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: scoped(scope, { id, acceptedAt: null, revokedAt: null }), data: { revokedAt: new Date() } });
    if (count === 0) throw AppError.notFound("Invitación");
    await recordAudit(tx, scope, { action: "INVITATION_REVOKED", target: { email: invitation.email }, oldValue: invitation.role });
  });
  return { id };
}
