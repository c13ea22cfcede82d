/** The n8n call log of a tenant: newest first, filtered by action and status, keyset-paginated. */
import "server-only";
import type { z } from "zod";
import type { n8nCallsInput } from "@/lib/schemas/n8n";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export async function listN8nCalls(scope: TenantScope, input: z.output<typeof n8nCallsInput>) {
  const rows = await db().n8nCall.findMany({
    where: scoped(scope, { ...(input.action ? { action: input.action } : {}), ...(input.status ? { status: input.status } : {}) }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { id: true, action: true, requestId: true, executionId: true, status: true, httpStatus: true, errorCode: true, errorMessage: true, latencyMs: true, attempt: true, subjectId: true, test: true, responseExcerpt: true, createdAt: true },
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items[items.length - 1]!.id : null };
}
