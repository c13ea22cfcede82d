import type { Locale } from "./config";

/**
 * Message namespaces with a file of their own per locale (`messages/<locale>/<area>.json`), next
 * to the base file (`messages/<locale>.json`: shell, auth, users, plans…). One file per area keeps
 * each feature's texts beside each other and out of one another's way.
 */
export const AREAS = ["webhooks", "runs", "documents", "ai", "exports", "connectors", "sync", "n8n", "movements", "apiClients", "dashboard", "suppliers", "misComprobantes", "clients", "server"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const base = (await import(`./messages/${locale}.json`)).default as Record<string, unknown>;
  const areas = await Promise.all(AREAS.map(async (area) => [area, (await import(`./messages/${locale}/${area}.json`)).default] as const));
  return { ...base, ...Object.fromEntries(areas) };
}
