import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

type User = { id: string; name: string; email: string };
let owner: User;
let tenantId: string;

beforeEach(async () => {
  owner = await createUser({ name: "Olga Dueña" });
  tenantId = (await createTenantWith(owner, "Estudio Norte")).id;
});

describe("the organization's time zone", () => {
  it("starts in Buenos Aires; OWNER and ADMIN change it, audited with old and new zone", async () => {
    expect(await tenantTimeZone(tenantId)).toBe("America/Argentina/Buenos_Aires");
    await callerFor(owner, tenantId).tenant.setTimeZone({ timeZone: "America/Argentina/Cordoba" });
    const admin = (await addMember(tenantId, "ADMIN")).user;
    await callerFor(admin, tenantId).tenant.setTimeZone({ timeZone: "Asia/Tokyo" });
    expect(await tenantTimeZone(tenantId)).toBe("Asia/Tokyo");
    expect((await callerFor(owner, tenantId).tenant.current()).timeZone).toBe("Asia/Tokyo");
    const audit = await db().auditEntry.findMany({ where: { tenantId, action: "TENANT_TIME_ZONE_CHANGED" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.actorEmail, a.oldValue, a.newValue])).toEqual([
      [owner.email, "America/Argentina/Buenos_Aires", "America/Argentina/Cordoba"],
      [admin.email, "America/Argentina/Cordoba", "Asia/Tokyo"],
    ]);
  });

  it("refuses accountants, viewers and zones Intl does not know, changing nothing", async () => {
    for (const role of ["ACCOUNTANT", "VIEWER"] as const) {
      const member = (await addMember(tenantId, role)).user;
      await expect(callerFor(member, tenantId).tenant.setTimeZone({ timeZone: "Asia/Tokyo" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    for (const timeZone of ["Marte/Olympus", "-03:00", "ART", ""]) {
      await expect(callerFor(owner, tenantId).tenant.setTimeZone({ timeZone })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await tenantTimeZone(tenantId)).toBe("America/Argentina/Buenos_Aires");
    expect(await db().auditEntry.count({ where: { tenantId, action: "TENANT_TIME_ZONE_CHANGED" } })).toBe(0);
  });
});
