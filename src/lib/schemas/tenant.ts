import { z } from "zod";
import { ROLES } from "@/lib/roles";
import { isTimeZone } from "@/lib/format/time-zone";
import { stripUnsafeChars } from "@/lib/safe-text";

export const slugSchema = z
  .string()
  .trim()
  .min(3, "Mínimo 3 caracteres")
  .max(40, "Máximo 40 caracteres")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Solo minúsculas, números y guiones");

export const createTenantInput = z.object({
  name: z.string().overwrite(stripUnsafeChars).trim().min(2, "Ingresá al menos 2 caracteres").max(80, "Máximo 80 caracteres"),
  slug: slugSchema.optional(),
});
export type CreateTenantInput = z.infer<typeof createTenantInput>;

export const updateTenantInput = z.object({
  name: z.string().overwrite(stripUnsafeChars).trim().min(2, "Ingresá al menos 2 caracteres").max(80, "Máximo 80 caracteres"),
});

export const setTimeZoneInput = z.object({
  timeZone: z.string().trim().max(64, "Zona horaria desconocida").refine(isTimeZone, "Zona horaria desconocida"),
});

export const idInput = z.object({ id: z.string().min(1, "Falta el identificador") });

export const changeRoleInput = z.object({
  membershipId: z.string().min(1),
  role: z.enum(ROLES, { message: "Rol inválido" }),
});

export const switchTenantInput = z.object({ tenantId: z.string().min(1, "Falta la organización") });
