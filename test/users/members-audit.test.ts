import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

async function tenantWithTeam() {
  const owner = await createUser({ name: "Olga Dueña" });
  const tenantId = (await createTenantWith(owner)).id;
  const admin = await addMember(tenantId, "ADMIN");
  const accountant = await addMember(tenantId, "ACCOUNTANT");
  return { owner, tenantId, admin, accountant };
}

describe("membership changes are audited", () => {
  it("a role change records who, whom, old and new; the same role records nothing", async () => {
    const { owner, tenantId, admin, accountant } = await tenantWithTeam();
    await callerFor(admin.user, tenantId).members.changeRole({ membershipId: accountant.membership.id, role: "VIEWER" });
    await callerFor(admin.user, tenantId).members.changeRole({ membershipId: accountant.membership.id, role: "VIEWER" });
    const entries = await callerFor(owner, tenantId).audit.list();
    expect(entries).toEqual([
      expect.objectContaining({ action: "MEMBER_ROLE_CHANGED", actorName: admin.user.name, actorEmail: admin.user.email, targetEmail: accountant.user.email, oldValue: "ACCOUNTANT", newValue: "VIEWER" }),
    ]);
    expect(entries[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("a removal is recorded and survives the removed user's deletion", async () => {
    const { owner, tenantId, accountant } = await tenantWithTeam();
    await callerFor(owner, tenantId).members.remove({ id: accountant.membership.id });
    await db().user.delete({ where: { id: accountant.user.id } });
    const [entry] = await callerFor(owner, tenantId).audit.list();
    expect(entry).toMatchObject({ action: "MEMBER_REMOVED", actorName: "Olga Dueña", targetName: accountant.user.name, targetEmail: accountant.user.email, oldValue: "ACCOUNTANT" });
  });

  it("a refused change (last OWNER, ADMIN touching OWNER) changes nothing and records nothing", async () => {
    const { owner, tenantId, admin } = await tenantWithTeam();
    const ownerRow = (await callerFor(owner, tenantId).members.list()).find((m) => m.userId === owner.id)!;
    await expect(callerFor(owner, tenantId).members.remove({ id: ownerRow.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(callerFor(admin.user, tenantId).members.changeRole({ membershipId: ownerRow.id, role: "VIEWER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin.user, tenantId).members.remove({ id: ownerRow.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await callerFor(owner, tenantId).audit.list()).toEqual([]);
    expect((await db().membership.findUniqueOrThrow({ where: { id: ownerRow.id } })).role).toBe("OWNER");
  });

  it("only admins read the audit log", async () => {
    const { tenantId, accountant } = await tenantWithTeam();
    const viewer = await addMember(tenantId, "VIEWER");
    for (const user of [accountant.user, viewer.user]) {
      await expect(callerFor(user, tenantId).audit.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(callerFor(user, tenantId).members.list()).resolves.toHaveLength(4);
    }
  });
});
