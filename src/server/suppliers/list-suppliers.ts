import "server-only";
import type { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { listSuppliersInput } from "@/lib/schemas/suppliers";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export type SupplierView = {
  id: string;
  cuit: string;
  razonSocial: string;
  condicionIva: string | null;
  source: "LEARNED" | "PULL" | "USER";
  updatedAt: Date;
  updatedByName: string | null;
};

/** The directory, by razón social; `search` matches part of the name or of the CUIT (dashes ignored). */
export async function listSuppliers(scope: TenantScope, q: z.output<typeof listSuppliersInput>): Promise<{ items: SupplierView[]; total: number }> {
  const where: Prisma.SupplierWhereInput = {};
  if (q.search) {
    const digits = q.search.replace(/[\s.-]/g, "");
    where.OR = [{ razonSocial: { contains: q.search, mode: "insensitive" } }, ...(/^\d+$/.test(digits) ? [{ cuit: { contains: digits } }] : [])];
  }
  if (q.source) where.source = q.source;
  const [rows, total] = await Promise.all([
    db().supplier.findMany({ where: scoped(scope, where), orderBy: [{ razonSocial: "asc" }, { cuit: "asc" }], take: q.limit }),
    db().supplier.count({ where: scoped(scope, where) }),
  ]);
  const userIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is string => !!id))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    items: rows.map((r) => ({ id: r.id, cuit: r.cuit, razonSocial: r.razonSocial, condicionIva: r.condicionIva, source: r.source, updatedAt: r.updatedAt, updatedByName: r.updatedById ? (names.get(r.updatedById) ?? null) : null })),
    total,
  };
}
