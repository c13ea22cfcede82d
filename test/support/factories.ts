/** Real rows in the test database: no mocks of our own data layer. */
import { randomUUID } from "node:crypto";
import { db } from "@/server/db/client";
import { createCaller } from "@/server/api/root";
import { createId } from "@/server/ids";
import { newCredentials } from "@/server/webhooks/endpoints/credentials";
import { sealAuthSecret } from "@/server/connectors/credentials";
import type { Prisma } from "@/generated/prisma/client";
import type { EventType } from "@/server/events/catalog";
import type { RoleName } from "@/lib/roles";

let counter = 0;

export async function createUser(overrides: { name?: string; email?: string } = {}) {
  counter += 1;
  return db().user.create({
    data: { id: randomUUID(), name: overrides.name ?? `Usuario ${counter}`, email: overrides.email ?? `user${counter}-${randomUUID().slice(0, 6)}@example.com` },
  });
}

export async function createTenantWith(owner: { id: string }, name = `Estudio ${++counter}`) {
  return db().tenant.create({
    data: { name, slug: `estudio-${counter}-${randomUUID().slice(0, 6)}`, memberships: { create: { userId: owner.id, role: "OWNER" } } },
  });
}

export async function addMember(tenantId: string, role: RoleName, user?: { id: string; name: string; email: string }) {
  const member = user ?? (await createUser());
  const membership = await db().membership.create({ data: { tenantId, userId: member.id, role } });
  return { user: member, membership };
}

/** A tRPC caller acting as `user` in `tenantId` — the same procedures the HTTP handler runs. */
export function callerFor(user: { id: string; name: string; email: string } | null, tenantId: string | null = null, locale: "es-AR" | "en" = "es-AR") {
  return createCaller({ headers: new Headers(), resHeaders: new Headers(), user, requestedTenantId: tenantId, locale });
}

/** An endpoint row written directly (no DNS/SSRF check: for URLs that must never be called). */
export async function createEndpointRow(tenantId: string, url: string, eventTypes: EventType[] = ["document.processed"]) {
  const id = createId();
  return db().webhookEndpoint.create({ data: { id, tenantId, url, eventTypes, ...newCredentials(id).columns } });
}

/** A connector row written directly (no DNS/SSRF check); `secret` is sealed like the app does. */
export async function createConnectorRow(tenantId: string, overrides: Partial<Omit<Prisma.ApiConnectorUncheckedCreateInput, "id" | "tenantId">> & { secret?: string } = {}) {
  const id = createId();
  const { secret, ...columns } = overrides;
  return db().apiConnector.create({
    data: { id, tenantId, name: `ERP ${++counter}`, direction: "PUSH", baseUrl: "https://erp.example.com/api", ...columns, ...(secret ? sealAuthSecret(id, secret) : {}) },
  });
}

/** The document once its parse has ended (COMPLETED or FAILED), polled from the database. */
export async function settledDocument(id: string, { timeoutMs = 90_000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db().document.findUniqueOrThrow({ where: { id } });
    if (row.status === "COMPLETED" || row.status === "FAILED") return row;
    if (Date.now() > deadline) throw new Error(`document ${id} still ${row.status}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
