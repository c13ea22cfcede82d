import type { RoleName } from "@/lib/roles";

/**
 * Who is acting, in which tenant. Every tenant-scoped domain function takes one.
 * `clientCuits`: a membership limited to some clients (src/server/clients/access.ts) sees only the
 * documents whose receptor CUIT is one of these; null/absent = every client.
 */
export type TenantScope = { tenantId: string; userId: string; role: RoleName; clientCuits?: string[] | null };

/**
 * Adds the tenant to a Prisma `where`. Every tenant-scoped query goes through this, so
 * isolation never depends on a middleware check alone.
 */
export function scoped<W extends object>(scope: Pick<TenantScope, "tenantId">, where?: W): W & { tenantId: string } {
  return { ...(where ?? ({} as W)), tenantId: scope.tenantId };
}
