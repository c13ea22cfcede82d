import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

type User = { id: string; name: string; email: string };
let owner: User;
let tenantId: string;

beforeEach(async () => {
  owner = await createUser({ name: "Olga Dueña" });
  tenantId = (await createTenantWith(owner, "Estudio Norte")).id;
});

describe("renaming the organization", () => {
  it("lets OWNER and ADMIN rename it and audits old and new name", async () => {
    await callerFor(owner, tenantId).tenant.rename({ name: "  Estudio Norte SRL " });
    const admin = (await addMember(tenantId, "ADMIN")).user;
    await callerFor(admin, tenantId).tenant.rename({ name: "Estudio Norte y Asoc." });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).name).toBe("Estudio Norte y Asoc.");
    const audit = await db().auditEntry.findMany({ where: { tenantId, action: "TENANT_RENAMED" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorEmail, a.oldValue, a.newValue])).toEqual([
      [owner.email, "Estudio Norte", "Estudio Norte SRL"],
      [admin.email, "Estudio Norte SRL", "Estudio Norte y Asoc."],
    ]);
  });

  it("refuses accountants and viewers, and names that are too short, changing nothing", async () => {
    for (const role of ["ACCOUNTANT", "VIEWER"] as const) {
      const member = (await addMember(tenantId, role)).user;
      await expect(callerFor(member, tenantId).tenant.rename({ name: "Otro nombre" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(callerFor(owner, tenantId).tenant.rename({ name: " x " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).name).toBe("Estudio Norte");
    expect(await db().auditEntry.count({ where: { tenantId, action: "TENANT_RENAMED" } })).toBe(0);
  });

  it("only renames the caller's own organization", async () => {
    const other = await createUser();
    const otherTenant = (await createTenantWith(other, "Estudio Sur")).id;
    await callerFor(owner, tenantId).tenant.rename({ name: "Estudio Norte 2" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: otherTenant } })).name).toBe("Estudio Sur");
    await expect(callerFor(owner, otherTenant).tenant.rename({ name: "Tomado" })).rejects.toBeTruthy();
    expect((await db().tenant.findUniqueOrThrow({ where: { id: otherTenant } })).name).toBe("Estudio Sur");
  });
});
