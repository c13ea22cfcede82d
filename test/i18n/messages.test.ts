/** Every text exists in every locale: the same keys, and the same ICU placeholders, in es-AR and en. */
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/config";
import { AREAS, loadMessages } from "@/i18n/messages";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Top-level argument names of an ICU message ({name}, {count, plural, …}). */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

describe("messages", () => {
  it("have the same keys and placeholders in every locale", async () => {
    const [reference, ...others] = await Promise.all(LOCALES.map(async (l) => ({ locale: l, messages: flatten((await loadMessages(l)) as Tree) })));
    for (const other of others) {
      expect([...other.messages.keys()].sort(), `keys of ${other.locale}`).toEqual([...reference!.messages.keys()].sort());
      for (const [key, text] of reference!.messages) expect(placeholders(other.messages.get(key) ?? ""), `${other.locale}: ${key}`).toEqual(placeholders(text));
    }
  });

  it("load every area as its namespace", async () => {
    const messages = await loadMessages("es-AR");
    for (const area of AREAS) expect(messages[area], area).toBeTypeOf("object");
  });
});
