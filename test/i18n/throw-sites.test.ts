/**
 * Parity of the server catalogue with the code: every literal message an AppError is thrown with
 * in src/server (and src/app's route handlers) has an es-AR template in src/i18n/messages/es-AR/server.json (so it is written in
 * English for English readers), and every noun of AppError.notFound is a catalogued noun.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { matchServerText, translateServerText } from "@/i18n/server-text";
import { throwSites } from "./throw-sites";

// Domain code, and the route handlers that throw before calling it.
const sites = [...throwSites(), ...throwSites(join(process.cwd(), "src/app"))];

describe("AppError, parse failure and parser note messages in src/server and src/app", () => {
  it("are found by the scanner (the scan itself works)", () => {
    expect(sites.length).toBeGreaterThan(150);
    expect(sites).toContainEqual(expect.objectContaining({ file: "src/server/exports/runs.ts", message: "«{p1}» está deshabilitado.", params: ["connector.name"] }));
  });

  it("each have a catalogue entry, written differently in English", () => {
    const missing: string[] = [];
    for (const s of sites) {
      // "{p1}: {p2}" (a stage name and its error) has no words of its own to translate.
      if (!/\p{L}/u.test(s.message.replace(/\{p\d+\}/g, ""))) continue;
      const sample = (s.kind === "notFound" ? `${s.message} no encontrado` : s.message).replace(/\{p\d+\}/g, "X1");
      const m = matchServerText(sample, es);
      // "{field}: {flag}" composes two catalogued texts; a message only it fits has no entry of its own.
      if (!m || m.key === "review.flagged") missing.push(`${s.file}: ${s.message}`);
      else expect(translateServerText(sample, es, en), `${s.file}: ${s.message}`).not.toBe(sample);
    }
    expect(missing, "add these to src/i18n/messages/{es-AR,en}/server.json").toEqual([]);
  });

  it("name catalogued nouns in notFound, so «Conector no encontrado» is «Connector not found»", () => {
    for (const s of sites.filter((x) => x.kind === "notFound" && x.params.length === 0)) {
      const noun = matchServerText(s.message, es);
      expect(noun?.key, `${s.file}: AppError.notFound("${s.message}")`).toMatch(/^nouns\./);
    }
    expect(translateServerText("Conector no encontrado", es, en)).toBe("Connector not found");
  });
});
