/**
 * Redocly lint with its recommended rules on the document the server serves: 0 errors (runs in
 * `npm test`, so CI fails on a lint error). The real @redocly/cli binary, on a temp copy.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./support/api-server";

type LintReport = { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };

let server: Awaited<ReturnType<typeof startApiServer>>;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

async function lint(document: string): Promise<LintReport> {
  const file = join(mkdtempSync(join(tmpdir(), "openapi-lint-")), "openapi.json");
  writeFileSync(file, document);
  // redocly exits 1 when there are errors; the JSON report is on stdout either way.
  const out = await promisify(execFile)(join(process.cwd(), "node_modules", ".bin", "redocly"), ["lint", "--extends", "recommended", "--format", "json", file], { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } }).catch((e: { stdout: string }) => e);
  return JSON.parse(out.stdout) as LintReport;
}

describe("Redocly lint (recommended)", () => {
  it("the served OpenAPI document has 0 errors", async () => {
    const report = await lint(await (await fetch(`${server.url}/api/v1/openapi.json`)).text());
    const errors = report.problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 60_000);

  it("would fail on a lint error (an operation without responses)", async () => {
    const report = await lint(JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: { "/x": { get: { operationId: "x", summary: "x" } } } }));
    expect(report.totals.errors).toBeGreaterThan(0);
  }, 60_000);
});
