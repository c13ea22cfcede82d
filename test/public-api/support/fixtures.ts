import { db } from "@/server/db/client";
import { callerFor, createTenantWith } from "../../support/factories";
import { signUp } from "../../support/http";

export const REDIRECT = "https://app.example.com/callback";

/** A signed-up owner (session cookie) with a tenant and a client holding every scope. */
export async function ownerWithClient(opts: { planId?: string; scopes?: ("documents:read" | "documents:write" | "parse" | "webhooks:manage")[] } = {}) {
  const email = `duena-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const cookie = await signUp(email);
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const tenant = await createTenantWith(user);
  if (opts.planId) await db().tenant.update({ where: { id: tenant.id }, data: { planId: opts.planId } });
  const admin = callerFor(user, tenant.id);
  const created = await admin.apiClients.create({
    name: "Integración ERP",
    scopes: opts.scopes ?? ["documents:read", "documents:write", "parse", "webhooks:manage"],
    redirectUris: [REDIRECT],
  });
  return { cookie, user, tenant, admin, client: created.client, secret: created.clientSecret };
}

export async function documentRow(tenantId: string, n: number, over: Record<string, unknown> = {}) {
  return db().document.create({
    data: { tenantId, status: "COMPLETED", fileName: `f${n}.pdf`, mimeType: "application/pdf", sizeBytes: 10, sha256: `sha-${tenantId}-${n}-${Math.random()}`, storageKey: `k/${n}`, ...over },
  });
}

/** A minimal file that sniffs as PDF. */
export function pdfBytes(marker: string) {
  return new TextEncoder().encode(`%PDF-1.4\n% ${marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
}
