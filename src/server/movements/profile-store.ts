import "server-only";
import { z } from "zod";
import type { FinanceProfile } from "@/generated/prisma/client";
import { goalInput } from "@/lib/schemas/movements";
import { db } from "@/server/db/client";

export const categoryBudgetsSchema = z.record(z.string(), z.number());
export const goalsSchema = z.array(goalInput);

/** The organization's finance profile, created with defaults on first use. */
export async function ensureProfile(tenantId: string): Promise<FinanceProfile> {
  return db().financeProfile.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
}
