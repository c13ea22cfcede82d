import { z } from "zod";
import { stripUnsafeChars } from "@/lib/safe-text";

/** OAuth scopes of the public API, with the Spanish text shown in the UI and on the consent screen. */
export const API_SCOPES = ["documents:read", "documents:write", "parse", "webhooks:manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_SCOPE_LABELS: Record<ApiScope, { title: string; description: string }> = {
  "documents:read": { title: "Leer comprobantes", description: "Ver la lista de comprobantes, su estado y los datos extraídos." },
  "documents:write": { title: "Modificar comprobantes", description: "Cambiar datos de los comprobantes." },
  parse: { title: "Procesar comprobantes", description: "Subir archivos para que Contaflow extraiga sus datos." },
  "webhooks:manage": { title: "Administrar webhooks", description: "Configurar los avisos que Contaflow envía a otros sistemas." },
};

/** Scopes that change data: a user token gets them only when the user's role may write. */
export const WRITE_SCOPES: readonly ApiScope[] = ["documents:write", "parse", "webhooks:manage"];

const redirectUri = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      if (u.hash) return false;
      if (u.protocol === "https:") return true;
      // Loopback redirects for native/CLI apps (RFC 8252).
      return u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
    } catch {
      return false;
    }
  }, "Usá una URL https:// completa sin # (o http://127.0.0.1 para apps locales)");

/** Redirect URIs as typed in the form: one per line. */
export function parseRedirectLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export const apiClientFields = z.object({
  name: z.string().overwrite(stripUnsafeChars).trim().min(1, "Poné un nombre").max(80, "Hasta 80 caracteres"),
  description: z.string().trim().max(300, "Hasta 300 caracteres").default(""),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Elegí al menos un permiso"),
  redirectUris: z.array(redirectUri).max(10, "Hasta 10 URLs de redirección").default([]),
});

export const createApiClientInput = apiClientFields;
export type CreateApiClientInput = z.input<typeof createApiClientInput>;

export const updateApiClientInput = apiClientFields.extend({ id: z.string().min(1) });
export type UpdateApiClientInput = z.input<typeof updateApiClientInput>;

export const apiClientUsageInput = z.object({ id: z.string().min(1).optional(), days: z.number().int().min(1).max(30).default(14) });

/** Hours the previous secret keeps working after a rotation (0 = stops at once), like webhook secrets. */
export const API_CLIENT_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
export const DEFAULT_API_CLIENT_GRACE_HOURS = 24;

export const rotateApiClientSecretInput = z.object({
  id: z.string().min(1),
  graceHours: z.coerce
    .number()
    .int("Número entero de horas")
    .min(0, "Mínimo 0 horas")
    .max(168, "Máximo 7 días (168 h)")
    .default(DEFAULT_API_CLIENT_GRACE_HOURS),
});
export type RotateApiClientSecretInput = z.input<typeof rotateApiClientSecretInput>;
