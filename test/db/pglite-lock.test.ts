import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderLockedError, lockDataFolder } from "@/server/db/pglite-lock";

describe("PGlite data-folder lock", () => {
  it("a second process fails fast with a clear message while the first holds it", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cf-lock-")), "pglite");
    const release = lockDataFolder(dir);
    const child = spawnSync(process.execPath, ["--import", "tsx", "-e", `import("${join(process.cwd(), "src/server/db/pglite-lock.ts")}").then(m => m.lockDataFolder(${JSON.stringify(dir)}))`], { encoding: "utf8" });
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain("ya está abierta por otro proceso");
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("takes over a stale lock left by a dead process", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cf-lock-")), "pglite");
    writeFileSync(`${dir}.lock`, "999999");
    const release = lockDataFolder(dir);
    release();
  });

  it("reports the owner pid", () => {
    expect(new DataFolderLockedError("/x", 42).message).toContain("pid 42");
  });
});
