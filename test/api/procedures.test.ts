import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { signUp, trpc } from "../support/http";

describe("tRPC over HTTP", () => {
  it("malformed input → 400 with field errors", async () => {
    const cookie = await signUp("eva@estudio.com.ar");
    const res = await trpc("tenant.create", { name: "x", slug: "No Válido" }, { cookie });
    expect(res.status).toBe(400);
    expect(res.body.error?.json.data.fieldErrors).toMatchObject({ name: [expect.stringMatching(/2 caracteres/)], slug: [expect.any(String)] });
    expect(await db().tenant.count()).toBe(0);
  });

  it("a taken slug → 409 with the error on the slug field, nothing created", async () => {
    const cookie = await signUp("fer@estudio.com.ar");
    expect((await trpc("tenant.create", { name: "Estudio Fer", slug: "estudio-fer" }, { cookie })).status).toBe(200);
    const dup = await trpc("tenant.create", { name: "Otro", slug: "estudio-fer" }, { cookie });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.json.data.fieldErrors).toEqual({ slug: ["Ese identificador ya está en uso; elegí otro"] });
    expect(await db().tenant.count()).toBe(1);
  });

  it("signed out → 401", async () => {
    const res = await trpc("tenant.mine", undefined, { method: "GET" });
    expect(res.status).toBe(401);
  });

  it("the creator is OWNER and can list tenants", async () => {
    const cookie = await signUp("gabi@estudio.com.ar");
    await trpc("tenant.create", { name: "Estudio Gabi" }, { cookie });
    const mine = await trpc("tenant.mine", undefined, { cookie, method: "GET" });
    expect(mine.body.result?.data.json).toEqual([expect.objectContaining({ name: "Estudio Gabi", slug: "estudio-gabi", role: "OWNER" })]);
  });
});

describe("procedure ladder and member rules", () => {
  it("VIEWER and ACCOUNTANT cannot use admin procedures; ADMIN can", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    for (const role of ["VIEWER", "ACCOUNTANT"] as const) {
      const { user } = await addMember(tenant.id, role);
      await expect(callerFor(user, tenant.id).tenant.rename({ name: "Nuevo nombre" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await callerFor(user, tenant.id).members.list()).length).toBeGreaterThan(0);
    }
    const { user: admin } = await addMember(tenant.id, "ADMIN");
    await expect(callerFor(admin, tenant.id).tenant.rename({ name: "Nuevo nombre" })).resolves.toMatchObject({ name: "Nuevo nombre" });
  });

  it("keeps at least one OWNER, and only an OWNER grants OWNER", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const [ownerRow] = await callerFor(owner, tenant.id).members.list();
    await expect(callerFor(owner, tenant.id).members.changeRole({ membershipId: ownerRow!.id, role: "ADMIN" })).rejects.toMatchObject({ code: "CONFLICT" });
    const { user: admin } = await addMember(tenant.id, "ADMIN");
    const { membership } = await addMember(tenant.id, "VIEWER");
    await expect(callerFor(admin, tenant.id).members.changeRole({ membershipId: membership.id, role: "OWNER" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(admin, tenant.id).members.changeRole({ membershipId: membership.id, role: "ACCOUNTANT" })).resolves.toMatchObject({ role: "ACCOUNTANT" });
  });

  it("a user in several tenants acts in the one requested", async () => {
    const user = await createUser();
    const a = await createTenantWith(user, "Estudio Uno");
    const b = await createTenantWith(user, "Estudio Dos");
    expect((await callerFor(user, a.id).tenant.current()).name).toBe("Estudio Uno");
    expect((await callerFor(user, b.id).tenant.current()).name).toBe("Estudio Dos");
    expect((await callerFor(user, null).tenant.current()).name).toBe("Estudio Uno");
  });
});
