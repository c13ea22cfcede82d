/**
 * The literal messages of every AppError thrown in src/server: `new AppError(CODE, "…")`,
 * `AppError.field(field, "…")` and `AppError.notFound("…")`, parse failures
 * (`new ParseFailure(REASON, "…")`) and parser notes (`notes.push("…")`), string or template literals (each
 * `${…}` becomes a `{pN}` placeholder). Messages held in variables are not seen here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export type ThrowSite = { file: string; kind: "new" | "field" | "notFound" | "note"; message: string; params: string[] };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Reads the string or template literal at `i` (which must be a quote); null when it is not a literal. */
function literalAt(src: string, i: number): { text: string; params: string[]; end: number } | null {
  const quote = src[i];
  if (quote !== '"' && quote !== "`") return null;
  let text = "";
  const params: string[] = [];
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === "\\") {
      text += src[j + 1];
      j += 2;
    } else if (quote === "`" && src[j] === "$" && src[j + 1] === "{") {
      let depth = 1;
      let k = j + 2;
      while (depth > 0 && k < src.length) {
        if (src[k] === "{") depth++;
        else if (src[k] === "}") depth--;
        else if (src[k] === "`") k = src.indexOf("`", k + 1); // a nested template: skip it whole
        k++;
      }
      params.push(src.slice(j + 2, k - 1));
      text += `{p${params.length}}`;
      j = k;
    } else text += src[j++];
  }
  return { text, params, end: j + 1 };
}

const skipSpace = (src: string, i: number) => {
  while (/\s/.test(src[i] ?? "")) i++;
  return i;
};

export function throwSites(root = join(process.cwd(), "src/server")): ThrowSite[] {
  const out: ThrowSite[] = [];
  for (const path of files(root)) {
    const src = readFileSync(path, "utf8");
    const file = relative(process.cwd(), path);
    for (const m of src.matchAll(/(new AppError|new ParseFailure|AppError\.field|AppError\.notFound|notes\.push)\(/g)) {
      let i = skipSpace(src, m.index + m[0].length);
      const kind = m[1] === "new AppError" || m[1] === "new ParseFailure" ? "new" : m[1] === "AppError.field" ? "field" : m[1] === "notes.push" ? "note" : "notFound";
      if (kind === "new" || kind === "field") {
        // Skip the first argument (the code, or the field name) up to its comma.
        const comma = src.indexOf(",", i);
        if (comma < 0) continue;
        i = skipSpace(src, comma + 1);
      }
      const lit = literalAt(src, i);
      if (!lit) continue;
      // `…` + "…": a message split over lines.
      for (let next = skipSpace(src, lit.end); src[next] === "+"; next = skipSpace(src, lit.end)) {
        const more = literalAt(src, skipSpace(src, next + 1));
        if (!more) break;
        lit.text += more.text.replace(/\{p(\d+)\}/g, (_, n: string) => `{p${Number(n) + lit.params.length}}`);
        lit.params.push(...more.params);
        lit.end = more.end;
      }
      out.push({ file, kind, message: lit.text, params: lit.params });
    }
  }
  return out;
}
