/** The committed conformance matrix (inngest/embedded/MATRIX.md) is the one the tests generate, and it is true. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MATRIX_PATH, buildRows, matrixProblems, renderMatrix } from "~/scripts/engine-matrix";

describe("engine conformance matrix", () => {
  it("every supported or refused row has a conformance test, and no tag contradicts options.ts", () => {
    expect(matrixProblems()).toEqual([]);
  });

  it("no option or step tool is left without a status (nothing silently ignored)", () => {
    for (const row of buildRows()) expect(["supported", "refused"], `${row.kind} ${row.name}`).toContain(row.status);
  });

  it("inngest/embedded/MATRIX.md is up to date (regenerate: npx tsx scripts/engine-matrix.ts)", () => {
    expect(readFileSync(MATRIX_PATH, "utf8")).toBe(renderMatrix());
  });
});
