/**
 * The OpenAPI document as the reference page reads it: operations in tag order, `$ref`s resolved
 * (schemas stay links to their section, so recursive schemas cannot loop), and short type labels.
 * Pure functions over the document: no rendering, no I/O.
 */
export type Node = { [key: string]: unknown };
export type Doc = Node & { paths?: Record<string, Node>; webhooks?: Record<string, Node>; components?: Record<string, Record<string, Node>>; tags?: { name: string; description?: string }[] };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export type Operation = { id: string; method: string; path: string; tag: string; node: Node };

export function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Name of a `#/components/<kind>/<name>` reference, or null when the node is not one. */
export function refName(node: unknown): string | null {
  if (!isNode(node) || typeof node.$ref !== "string") return null;
  return node.$ref.split("/").pop() ?? null;
}

/** The component a `$ref` points at (parameters, responses, headers); other nodes unchanged. */
export function deref(doc: Doc, node: unknown): Node {
  if (!isNode(node)) return {};
  if (typeof node.$ref !== "string") return node;
  const [, , kind, name] = node.$ref.split("/");
  const target = kind && name ? doc.components?.[kind]?.[name] : undefined;
  // A sibling description next to a $ref (OpenAPI 3.1) overrides the component's own.
  return isNode(target) ? { ...target, ...(typeof node.description === "string" ? { description: node.description } : {}) } : {};
}

/** Anchor id of an operation: its operationId, else method and path. */
function operationAnchor(method: string, path: string, node: Node): string {
  const id = typeof node.operationId === "string" ? node.operationId : `${method}-${path}`;
  return `op-${id.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** Anchor id of a tag's section. */
export function tagAnchor(tag: string): string {
  return `tag-${tag.replace(/[^A-Za-z0-9_-]+/g, "-") || "other"}`;
}

/** Paths grouped by their first tag, in the document's tag order (untagged last). */
export function operationsByTag(doc: Doc): { tag: string; description?: string; operations: Operation[] }[] {
  const all: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const node = item[method];
      if (!isNode(node)) continue;
      const tags = Array.isArray(node.tags) ? (node.tags as string[]) : [];
      all.push({ id: operationAnchor(method, path, node), method, path, tag: tags[0] ?? "", node });
    }
  }
  const order = [...(doc.tags ?? []).map((t) => t.name), ...new Set(all.map((o) => o.tag))];
  return [...new Set(order)]
    .map((tag) => ({ tag, description: doc.tags?.find((t) => t.name === tag)?.description, operations: all.filter((o) => o.tag === tag) }))
    .filter((g) => g.operations.length > 0);
}

/** Webhooks (requests the API sends) as operations: the name stands in for the path. */
export function webhookOperations(doc: Doc): Operation[] {
  return Object.entries(doc.webhooks ?? {}).flatMap(([name, item]) =>
    METHODS.filter((m) => isNode(item[m])).map((method) => ({ id: operationAnchor(method, name, item[method] as Node), method, path: name, tag: "", node: item[method] as Node })),
  );
}

/** A short type: `string`, `integer | null`, `Document`, `array<Document>`, `"A" | "B"`. */
export function typeLabel(schema: unknown): string {
  if (!isNode(schema)) return "any";
  const ref = refName(schema);
  if (ref) return ref;
  if ("const" in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(union)) return [...new Set(union.map(typeLabel))].join(" | ");
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  const label = (t: string) => (t === "array" ? `array<${typeLabel(schema.items)}>` : t === "string" && typeof schema.format === "string" ? `string (${schema.format})` : t);
  if (types.length > 0) return types.map(label).join(" | ");
  if (isNode(schema.properties)) return "object";
  return "any";
}

/** Limits worth telling a caller (minimum, maxLength, …), without zod's safe-integer bounds. */
export function constraints(schema: unknown): string[] {
  if (!isNode(schema)) return [];
  const out: string[] = [];
  const keys = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"] as const;
  for (const k of keys) {
    const v = schema[k];
    if (v === undefined || (typeof v === "number" && Math.abs(v) === Number.MAX_SAFE_INTEGER)) continue;
    out.push(`${k}: ${String(v)}`);
  }
  if (schema.default !== undefined) out.push(`default: ${JSON.stringify(schema.default)}`);
  return out;
}

export type Property = { name: string; required: boolean; schema: Node };

/** An object schema's properties, required ones first; nothing for other schemas. */
export function properties(schema: unknown): Property[] {
  if (!isNode(schema) || !isNode(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const list = Object.entries(schema.properties).map(([name, s]) => ({ name, required: required.has(name), schema: isNode(s) ? s : {} }));
  return [...list.filter((p) => p.required), ...list.filter((p) => !p.required)];
}

/** The schema whose properties should be listed under a value: itself, its array items, or its non-null union member. */
export function expandable(schema: Node): Node | null {
  if (refName(schema)) return null;
  if (isNode(schema.properties)) return schema;
  if (isNode(schema.items)) return expandable(schema.items);
  const union = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(union)) {
    const objects = union.filter((u): u is Node => isNode(u) && isNode(u.properties));
    if (objects.length === 1) return objects[0] ?? null;
  }
  if (isNode(schema.additionalProperties)) return expandable(schema.additionalProperties);
  return null;
}

/** Scopes an operation needs, from its own `security` or the document's. */
export function scopesOf(doc: Doc, node: Node): string[] {
  const security = (Array.isArray(node.security) ? node.security : Array.isArray(doc.security) ? doc.security : []) as Record<string, string[]>[];
  return [...new Set(security.flatMap((s) => Object.values(s).flat()))];
}
