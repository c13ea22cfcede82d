import type { RoleName } from "@/lib/roles";

/** Who is acting, in which tenant. Every tenant-scoped domain function takes one. */
export type TenantScope = { tenantId: string; userId: string; role: RoleName };

/**
 * Adds the tenant to a Prisma `where`. Every tenant-scoped query goes through this, so
 * isolation never depends on a middleware check alone.
 */
export function scoped<W extends object>(scope: Pick<TenantScope, "tenantId">, where?: W): W & { tenantId: string } {
  return { ...(where ?? ({} as W)), tenantId: scope.tenantId };
}
