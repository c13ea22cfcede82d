import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { hashInvitationToken } from "@/server/invitations/tokens";
import { readLocalOutbox } from "@/server/mail/mailer";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

type User = { id: string; name: string; email: string };
let owner: User;
let admin: User;
let tenantId: string;

/** The token from the last invitation e-mailed to `email` (the local outbox, as in production without SMTP). */
function tokenMailedTo(email: string): string {
  const mail = readLocalOutbox(email).at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return /\/invitaciones\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
}

async function errorOf(promise: Promise<unknown>) {
  return (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
}

beforeEach(async () => {
  owner = await createUser({ name: "Olga Dueña" });
  tenantId = (await createTenantWith(owner, "Estudio Norte")).id;
  admin = (await addMember(tenantId, "ADMIN")).user;
});

describe("inviting", () => {
  it("stores only the token's hash, e-mails a 7-day link, lists it as pending and audits it", async () => {
    const res = await callerFor(admin, tenantId).invitations.create({ email: "  Nueva.Persona@Example.com ", role: "VIEWER" });
    expect(res).toMatchObject({ mailed: true, invitation: { email: "nueva.persona@example.com", role: "VIEWER" } });
    const token = tokenMailedTo("nueva.persona@example.com");
    expect(res.link).toBe(`${process.env.APP_URL}/invitaciones/${token}`);
    expect(readLocalOutbox("nueva.persona@example.com").at(-1)?.subject).toMatch(/te invitó a Estudio Norte/);

    const row = await db().invitation.findUniqueOrThrow({ where: { id: res.invitation.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const list = await callerFor(admin, tenantId).invitations.list();
    expect(list.items).toEqual([expect.objectContaining({ email: "nueva.persona@example.com", role: "VIEWER", status: "PENDING" })]);
    expect(list.seats).toMatchObject({ used: 3, limit: 5, reached: false });
    const [entry] = await callerFor(owner, tenantId).audit.list();
    expect(entry).toMatchObject({ action: "MEMBER_INVITED", actorEmail: admin.email, targetEmail: "nueva.persona@example.com", newValue: "VIEWER" });
  });

  it("only an OWNER invites an OWNER; VIEWER and ACCOUNTANT cannot invite", async () => {
    const error = await errorOf(callerFor(admin, tenantId).invitations.create({ email: "jefa@example.com", role: "OWNER" }));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(error?.cause?.fieldErrors?.role?.[0]).toMatch(/Solo un dueño/);
    await expect(callerFor(owner, tenantId).invitations.create({ email: "jefa@example.com", role: "OWNER" })).resolves.toMatchObject({ invitation: { role: "OWNER" } });
    for (const role of ["VIEWER", "ACCOUNTANT"] as const) {
      const { user } = await addMember(tenantId, role);
      await expect(callerFor(user, tenantId).invitations.create({ email: "otra@example.com", role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(user, tenantId).invitations.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db().invitation.count({ where: { tenantId, email: "otra@example.com" } })).toBe(0);
  });

  it("an existing member or a pending invitation is a field error on the e-mail", async () => {
    const member = await callerFor(owner, tenantId).invitations.create({ email: admin.email.toUpperCase(), role: "VIEWER" }).then(() => null, (e: unknown) => e);
    expect(member).toMatchObject({ code: "CONFLICT", cause: { fieldErrors: { email: ["Esa persona ya es miembro de la organización"] } } });
    await callerFor(owner, tenantId).invitations.create({ email: "dos@example.com", role: "VIEWER" });
    const again = await errorOf(callerFor(owner, tenantId).invitations.create({ email: "dos@example.com", role: "ADMIN" }));
    expect(again?.cause?.fieldErrors?.email?.[0]).toMatch(/invitación pendiente/);
    expect(await db().invitation.count({ where: { tenantId } })).toBe(1);
  });
});

describe("accepting", () => {
  it("joins the invited user with the role, once; the link then stops working", async () => {
    await callerFor(admin, tenantId).invitations.create({ email: "vera@example.com", role: "VIEWER" });
    const token = tokenMailedTo("vera@example.com");
    const vera = await createUser({ name: "Vera Visor", email: "vera@example.com" });
    expect(await callerFor(null).invitations.preview({ token })).toMatchObject({ state: "PENDING", email: "vera@example.com", role: "VIEWER", tenantName: "Estudio Norte", accountExists: true });

    await expect(callerFor(vera).invitations.accept({ token })).resolves.toEqual({ tenantId, tenantName: "Estudio Norte", role: "VIEWER" });
    expect(await db().membership.findUnique({ where: { tenantId_userId: { tenantId, userId: vera.id } } })).toMatchObject({ role: "VIEWER" });
    expect((await callerFor(vera, tenantId).tenant.current()).name).toBe("Estudio Norte");

    await expect(callerFor(vera).invitations.accept({ token })).rejects.toMatchObject({ code: "CONFLICT", message: "Esta invitación ya se usó" });
    expect(await callerFor(null).invitations.preview({ token })).toMatchObject({ state: "ACCEPTED" });
    expect((await callerFor(admin, tenantId).invitations.list()).items).toEqual([]);
    const [entry] = await callerFor(owner, tenantId).audit.list();
    expect(entry).toMatchObject({ action: "INVITATION_ACCEPTED", actorEmail: "vera@example.com", newValue: "VIEWER" });
  });

  it("a different signed-in account gets a clear refusal and nothing changes", async () => {
    await callerFor(admin, tenantId).invitations.create({ email: "sin-cuenta@example.com", role: "ACCOUNTANT" });
    const token = tokenMailedTo("sin-cuenta@example.com");
    const other = await createUser({ email: "otro@example.com" });
    const error = await errorOf(callerFor(other).invitations.accept({ token }));
    expect(error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Esta invitación es para sin-cuenta@example.com y ingresaste como otro@example.com") });
    expect(await db().membership.count({ where: { tenantId, userId: other.id } })).toBe(0);
    expect(await callerFor(null).invitations.preview({ token })).toMatchObject({ state: "PENDING", accountExists: false });
  });

  it("signed out cannot accept; an unknown token is INVALID", async () => {
    await expect(callerFor(null).invitations.accept({ token: "x".repeat(43) })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await callerFor(null).invitations.preview({ token: "x".repeat(43) })).toEqual({ state: "INVALID" });
    const user = await createUser();
    await expect(callerFor(user).invitations.accept({ token: "x".repeat(43) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an expired invitation is refused; resending issues a new link and the old one stops working", async () => {
    const { invitation } = await callerFor(admin, tenantId).invitations.create({ email: "tardia@example.com", role: "VIEWER" });
    const oldToken = tokenMailedTo("tardia@example.com");
    await db().invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const tardia = await createUser({ email: "tardia@example.com" });
    await expect(callerFor(tardia).invitations.accept({ token: oldToken })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/venció/) });
    expect((await callerFor(admin, tenantId).invitations.list()).items[0]).toMatchObject({ status: "EXPIRED" });

    await callerFor(admin, tenantId).invitations.resend({ id: invitation.id });
    const newToken = tokenMailedTo("tardia@example.com");
    expect(newToken).not.toBe(oldToken);
    await expect(callerFor(tardia).invitations.accept({ token: oldToken })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(tardia).invitations.accept({ token: newToken })).resolves.toMatchObject({ role: "VIEWER" });
    expect((await callerFor(owner, tenantId).audit.list()).map((e) => e.action)).toEqual(["INVITATION_ACCEPTED", "INVITATION_RESENT", "MEMBER_INVITED"]);
  });

  it("a revoked invitation cannot be accepted, and an ADMIN cannot revoke an OWNER invitation", async () => {
    const { invitation } = await callerFor(admin, tenantId).invitations.create({ email: "revocada@example.com", role: "ACCOUNTANT" });
    const token = tokenMailedTo("revocada@example.com");
    await callerFor(admin, tenantId).invitations.revoke({ id: invitation.id });
    const user = await createUser({ email: "revocada@example.com" });
    await expect(callerFor(user).invitations.accept({ token })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/revocada/) });
    await expect(callerFor(admin, tenantId).invitations.revoke({ id: invitation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(owner, tenantId).audit.list())[0]).toMatchObject({ action: "INVITATION_REVOKED", targetEmail: "revocada@example.com", oldValue: "ACCOUNTANT" });

    const { invitation: ownerInvite } = await callerFor(owner, tenantId).invitations.create({ email: "socia@example.com", role: "OWNER" });
    await expect(callerFor(admin, tenantId).invitations.revoke({ id: ownerInvite.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin, tenantId).invitations.resend({ id: ownerInvite.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the plan's user limit", () => {
  it("counts members plus pending invitations and blocks the invitation before creating anything", async () => {
    // Gratis: 5 users. Owner + admin + 3 invitations = 5.
    for (const n of [1, 2, 3]) await callerFor(admin, tenantId).invitations.create({ email: `p${n}@example.com`, role: "VIEWER" });
    const list = await callerFor(admin, tenantId).invitations.list();
    expect(list.seats).toMatchObject({ used: 5, limit: 5, reached: true, message: expect.stringContaining("mejorá tu plan en Planes") });

    const mailsBefore = readLocalOutbox().length;
    const error = await errorOf(callerFor(admin, tenantId).invitations.create({ email: "sexta@example.com", role: "VIEWER" }));
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "Llegaste al límite de tu plan Gratis: hasta 5 usuarios (contando las invitaciones pendientes) — mejorá tu plan en Planes" });
    expect(await db().invitation.count({ where: { tenantId, email: "sexta@example.com" } })).toBe(0);
    expect(readLocalOutbox().length).toBe(mailsBefore);

    // An expired invitation frees its seat; renewing it needs the seat again.
    const expired = list.items.find((i) => i.email === "p1@example.com")!;
    await db().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await callerFor(admin, tenantId).invitations.create({ email: "sexta@example.com", role: "VIEWER" });
    await expect(callerFor(admin, tenantId).invitations.resend({ id: expired.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await callerFor(owner, tenantId).plans.change({ planId: "estudio" });
    await expect(callerFor(admin, tenantId).invitations.create({ email: "septima@example.com", role: "VIEWER" })).resolves.toBeTruthy();
  });
});
