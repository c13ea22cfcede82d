import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "cf-seed-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Issue 21: `npm run db:seed` on a brand-new data folder used to fail until migrations had run. */
it("seeds an empty DATA_DIR (embedded PGlite) by applying the migrations first, and is idempotent", async () => {
  const env = { ...process.env, DATA_DIR: dataDir, PGLITE_DIR: "" } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  delete env.PGLITE_DIR;
  const seed = () => run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env, cwd: process.cwd(), timeout: 120_000 });
  const first = await seed();
  expect(first.stdout).toContain("Applying migrations to PGlite");
  expect(first.stdout).toContain('Demo tenant "Estudio Demo" ready');
  expect(first.stdout).toContain("duena@demo.contaflow.ar");
  const again = await seed();
  expect(again.stdout).toContain('Demo tenant "Estudio Demo" ready');
}, 240_000);
