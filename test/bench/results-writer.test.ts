import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startBench, writeBenchResults } from "~/bench/support/results";

describe("bench results writer", () => {
  it("refuses to start when the 1-minute load exceeds the cores", () => {
    expect(() => startBench({ env: {}, load: [2.5, 1, 1], cores: 2 })).toThrow(/busy: 1-minute load 2.5 > 2 cores.*BENCH_ALLOW_LOAD=1/);
  });

  it("starts under load with BENCH_ALLOW_LOAD=1 and marks the results underLoad", () => {
    const start = startBench({ env: { BENCH_ALLOW_LOAD: "1" }, load: [3, 2, 1], cores: 2 });
    const dir = mkdtempSync(join(tmpdir(), "bench-results-"));
    const path = writeBenchResults("trial", { headline: { x: 1 }, measures: ["bench/support"], database: "none", extra: 7 }, { start, dir });
    const data = JSON.parse(readFileSync(path, "utf8"));
    expect(data).toMatchObject({ benchmark: "trial", headline: { x: 1 }, measures: ["bench/support"], database: "none", extra: 7, underLoad: true, loadBefore: [3, 2, 1] });
    expect(data.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof data.dirty).toBe("boolean");
    expect(data.node).toBe(process.version);
    expect(data.cores).toBeGreaterThan(0);
    expect(data.loadAfter).toHaveLength(3);
  });

  it("a quiet machine is not under load, even with BENCH_ALLOW_LOAD=1", () => {
    expect(startBench({ env: { BENCH_ALLOW_LOAD: "1" }, load: [0.5, 0.5, 0.5], cores: 2 }).underLoad).toBe(false);
  });

  it("requires the measured paths", () => {
    const start = startBench({ env: {}, load: [0, 0, 0], cores: 2 });
    expect(() => writeBenchResults("x", { headline: {}, measures: [], database: "none" }, { start, dir: tmpdir() })).toThrow(/measures/);
  });
});
