/**
 * The database the CLI scripts migrate: DATABASE_URL, or the embedded PGlite data folder
 * (created if missing, held under its lock only while migrating). Shared by `db:migrate`
 * and `db:seed`, which applies pending migrations first so a fresh data folder works.
 */
import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { mkdirSync } from "node:fs";
import { env } from "@/env";
import { pgliteDir } from "./client";
import { applyMigrations, pgFactory, pgliteFactory } from "./migrator";
import { lockDataFolder } from "./pglite-lock";

export async function withMigrationTarget<T>(fn: (factory: SqlMigrationAwareDriverAdapterFactory, label: string) => Promise<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (url) {
    const { factory, close } = await pgFactory(url);
    try {
      return await fn(factory, url.replace(/\/\/[^@]*@/, "//…@"));
    } finally {
      await close();
    }
  }
  const dir = pgliteDir();
  mkdirSync(dir, { recursive: true });
  const release = lockDataFolder(dir);
  const pglite = await PGlite.create(dir);
  try {
    return await fn(await pgliteFactory(pglite), `PGlite ${dir}`);
  } finally {
    await pglite.close();
    release();
  }
}

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function deployMigrations(log: (line: string) => void = console.log): Promise<string[]> {
  return withMigrationTarget(async (factory, label) => {
    log(`Applying migrations to ${label}`);
    return applyMigrations(factory);
  });
}
