/**
 * A results file is a claim about code: it must have been measured on (a descendant of) the
 * last commit that touched the code it `measures` (Markdown there is documentation, not code).
 * Files written before bench/support/results.ts are listed below on purpose, so a new bench
 * cannot slip in without provenance.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RESULTS = join(ROOT, "bench/results");

/** Results without `measures`/`commit` provenance: migrate them by rerunning through writeBenchResults. */
const LEGACY = [
  "accuracy.json",
  "parse.json",
  "review-list-postgresql.json",
];

const git = (args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
const files = readdirSync(RESULTS).filter((f) => f.endsWith(".json")).sort();
const read = (file: string) => JSON.parse(readFileSync(join(RESULTS, file), "utf8")) as Record<string, unknown>;
const isNewFormat = (data: Record<string, unknown>) => "measures" in data;

describe("bench/results freshness", () => {
  it("lists legacy files on purpose: each exists and still lacks provenance", () => {
    for (const file of LEGACY) {
      expect(files, `${file} is listed as legacy but does not exist: drop it from LEGACY`).toContain(file);
      expect(isNewFormat(read(file)), `${file} was migrated: drop it from LEGACY`).toBe(false);
    }
    const legacy = files.filter((f) => !isNewFormat(read(f)));
    expect(legacy, "results without `measures` must be rewritten with bench/support/results.ts or listed in LEGACY").toEqual(
      LEGACY.filter((f) => files.includes(f)),
    );
    console.info(`legacy results (no provenance yet): ${legacy.join(", ") || "none"}`);
  });

  const measured = files.filter((f) => !LEGACY.includes(f));
  it.runIf(measured.length > 0).each(measured)("%s was measured on the code it measures", (file) => {
    const data = read(file);
    expect(typeof data.headline === "object" && data.headline !== null, `${file}: no headline object`).toBe(true);
    const measures = data.measures;
    expect(Array.isArray(measures) && measures.length > 0 && measures.every((p) => typeof p === "string"), `${file}: measures must list paths`).toBe(true);
    const commit = String(data.commit);
    expect(commit, `${file}: commit must be a full sha`).toMatch(/^[0-9a-f]{40}$/);
    const known = spawnSync("git", ["cat-file", "-e", `${commit}^{commit}`], { cwd: ROOT }).status === 0;
    expect(known, `${file}: commit ${commit} is not in this repository (rebased or squashed away): rerun the bench`).toBe(true);
    // Documentation beside the code (a README stating the figures) is not what a bench measures.
    const last = git(["log", "-1", "--format=%H", "--", ...(measures as string[]), ":(exclude,glob)**/*.md"]);
    expect(last, `${file}: no commit touches ${(measures as string[]).join(", ")}: wrong paths`).toMatch(/^[0-9a-f]{40}$/);
    const fresh = spawnSync("git", ["merge-base", "--is-ancestor", last, commit], { cwd: ROOT }).status === 0;
    const subject = git(["log", "-1", "--format=%h %s", last]);
    expect(fresh, `${file} measured ${commit.slice(0, 9)}, older than ${subject} (touches what it measures): rerun the bench`).toBe(true);
  });
});
