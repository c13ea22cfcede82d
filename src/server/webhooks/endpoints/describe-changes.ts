import { formatPayloadFilter } from "@/lib/webhooks/payload-filter";
import type { EndpointView } from "./endpoint-view";

/**
 * The audit line of an endpoint edit: what changed, old → new. Custom header VALUES are left out
 * (they often carry a receiver's credential); their names are enough to see what changed.
 */
export function describeChanges(before: EndpointView, after: EndpointView): string[] {
  const changes: string[] = [];
  const diff = (label: string, a: string, b: string) => a !== b && changes.push(`${label}: ${a || "—"} → ${b || "—"}`);
  diff("URL", before.url, after.url);
  diff("descripción", before.description, after.description);
  diff("eventos", [...before.eventTypes].sort().join(", "), [...after.eventTypes].sort().join(", "));
  diff("timeout", `${before.timeoutSeconds} s`, `${after.timeoutSeconds} s`);
  diff("límite", before.rateLimitPerSecond ? `${before.rateLimitPerSecond}/s` : "sin límite", after.rateLimitPerSecond ? `${after.rateLimitPerSecond}/s` : "sin límite");
  diff("filtro", formatPayloadFilter(before.filter).replaceAll("\n", " y "), formatPayloadFilter(after.filter).replaceAll("\n", " y "));
  const names = (h: Record<string, string>) => Object.keys(h).sort().join(", ");
  if (JSON.stringify(before.customHeaders) !== JSON.stringify(after.customHeaders)) {
    changes.push(names(before.customHeaders) === names(after.customHeaders) ? `encabezados: cambió el valor de ${names(after.customHeaders)}` : `encabezados: ${names(before.customHeaders) || "—"} → ${names(after.customHeaders) || "—"}`);
  }
  return changes;
}
