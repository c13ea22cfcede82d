import "server-only";
import { isAdminRole } from "@/lib/roles";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** Sidebar badges for admins: webhook endpoints disabled or in a failing streak. */
export async function navAttention(scope: TenantScope): Promise<{ webhooks: number }> {
  if (!isAdminRole(scope.role)) return { webhooks: 0 };
  const webhooks = await db().webhookEndpoint.count({ where: scoped(scope, { OR: [{ disabledAt: { not: null } }, { failingSince: { not: null } }] }) });
  return { webhooks };
}
