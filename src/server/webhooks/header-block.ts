/**
 * Headers as a receiver pastes them into the signature checker: either "Name: value" lines
 * (a raw HTTP request; the request line is skipped) or a JSON object. Names are lower-cased.
 */
export type HeaderInput = Record<string, string | string[] | undefined> | string;

export function normalizeHeaders(input: HeaderInput): Record<string, string> {
  if (typeof input !== "string") {
    return Object.fromEntries(
      Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), Array.isArray(v) ? v.join(", ") : v]])),
    );
  }
  const text = input.trim();
  if (text.startsWith("{")) {
    try {
      return normalizeHeaders(JSON.parse(text) as Record<string, string>);
    } catch {
      // not JSON after all: fall through to line parsing
    }
  }
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const idx = line.indexOf(":");
    if (idx <= 0 || /^[A-Z]+ \S+ HTTP\//.test(line)) continue;
    out[line.slice(0, idx).trim().toLowerCase()] = line.slice(idx + 1).trim();
  }
  return out;
}
