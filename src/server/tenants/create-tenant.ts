import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { CreateTenantInput } from "@/lib/schemas/tenant";

function slugify(name: string): string {
  const base = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  return base.length >= 3 ? base : `estudio-${base || randomBytes(2).toString("hex")}`;
}

/** Creates a tenant with its creator as OWNER, in one transaction. */
export async function createTenant(userId: string, input: CreateTenantInput) {
  const explicit = Boolean(input.slug);
  let slug = input.slug ?? slugify(input.name);
  if (await db().tenant.findUnique({ where: { slug }, select: { id: true } })) {
    if (explicit) throw AppError.field("slug", "Ese identificador ya está en uso; elegí otro", "CONFLICT");
    slug = `${slug}-${randomBytes(2).toString("hex")}`;
  }
  return db().tenant.create({
    data: { name: input.name, slug, memberships: { create: { userId, role: "OWNER" } } },
    select: { id: true, name: true, slug: true },
  });
}
