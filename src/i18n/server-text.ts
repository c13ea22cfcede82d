/**
 * Server messages in the reader's language. Domain code writes Spanish (es-AR, the default, so
 * nothing breaks when a text has no key yet); the "server" message area is the catalogue: each
 * es-AR template ("{what} no encontrado") names a key and its params, found by matching the text,
 * and the same key in the reader's locale writes it. Used by the tRPC error layer and by client
 * components that show stored server texts (review reasons).
 */
type Tree = { [key: string]: string | Tree };
type Template = { key: string; re: RegExp; names: string[]; literal: number; anchored: boolean };

const compiled = new WeakMap<object, Template[]>();

function flatten(tree: Tree, prefix = "", out: [string, string][] = []): [string, string][] {
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.push([path, v]);
    else flatten(v, path, out);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function templates(source: Tree): Template[] {
  let list = compiled.get(source);
  if (!list) {
    list = flatten(source)
      .map(([key, text]) => {
        const pieces = text.split(/\{(\w+)\}/);
        const names = pieces.filter((_, i) => i % 2 === 1);
        const pattern = pieces.map((p, i) => (i % 2 === 1 ? "(.+?)" : escape(p))).join("");
        return { key, re: new RegExp(`^${pattern}$`, "s"), names, literal: pieces.filter((_, i) => i % 2 === 0).join("").length, anchored: pieces[0] !== "" };
      })
      // The most specific template wins: one that starts with its own words ("Difiere de {where} — {parts}."
      // before "{field}: ARCA {afip}, documento {document}", which a whole list of differences also
      // fits), then the one with more literal text ("Zona horaria desconocida: {zone}" before "{what} no encontrado").
      .sort((a, b) => Number(b.anchored) - Number(a.anchored) || b.literal - a.literal);
    compiled.set(source, list);
  }
  return list;
}

/** The catalogue key and params of a Spanish server text, or null when it has none yet. */
export function matchServerText(text: string, source: Tree): { key: string; params: Record<string, string> } | null {
  for (const t of templates(source)) {
    const m = t.re.exec(text);
    if (m) return { key: t.key, params: Object.fromEntries(t.names.map((n, i) => [n, m[i + 1]!])) };
  }
  return null;
}

function lookup(tree: Tree, key: string): string | null {
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : null;
}

/**
 * `text` (es-AR) in the target catalogue's language; unknown texts are returned as they are. A
 * param that is itself a catalogued text (a noun like «Organización», a field label, a parser note
 * inside a review reason) is translated too, and so is each item of a "; "-separated list.
 */
export function translateServerText(text: string, source: Tree, target: Tree, depth = 0): string {
  if (source === target) return text;
  const m = matchServerText(text, source);
  const template = m && lookup(target, m.key);
  if (!m || !template) return text;
  const param = (value: string): string => {
    if (depth >= 3) return value;
    const whole = translateServerText(value, source, target, depth + 1);
    if (whole !== value || !value.includes("; ")) return whole;
    return value
      .split("; ")
      .map((part) => translateServerText(part, source, target, depth + 1))
      .join("; ");
  };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => param(m.params[name] ?? ""));
}
