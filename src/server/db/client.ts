/**
 * The database: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite in a data
 * folder. Opened lazily, once per process (kept on globalThis so `next dev` module graphs
 * and hot reloads share it), behind a lock file so a second process fails fast.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient, type Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { lockDataFolder } from "./pglite-lock";

export type Db = PrismaClient;
/** The client or the transaction a write must join (outbox, audit log, bulk inserts). */
export type Tx = Prisma.TransactionClient | PrismaClient;
export type DbMode = "postgres" | "pglite";
type Holder = { client?: PrismaClient; mode?: DbMode; close?: () => Promise<void> };
const holder: Holder = ((globalThis as { __contaflowDb?: Holder }).__contaflowDb ??= {});

export function pgliteDir(): string {
  return resolve(/*turbopackIgnore: true*/ env().PGLITE_DIR ?? join(env().DATA_DIR, "pglite"));
}

function open(): Holder {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("db() llamado durante `next build`: la página debe ser dinámica");
  }
  const url = env().DATABASE_URL;
  if (url) {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: env().DATABASE_POOL_MAX }) });
    return { client, mode: "postgres", close: () => client.$disconnect() };
  }
  const dir = pgliteDir();
  const release = lockDataFolder(dir);
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    client,
    mode: "pglite",
    close: async () => {
      await client.$disconnect();
      await pglite.close();
      release();
    },
  };
}

export function db(): PrismaClient {
  if (!holder.client) Object.assign(holder, open());
  return holder.client!;
}

export function dbMode(): DbMode {
  return env().DATABASE_URL ? "postgres" : "pglite";
}

/** Test harness and scripts: use an already-open client (e.g. a PGlite restored from a dump). */
export function installDatabase(client: PrismaClient, mode: DbMode, close?: () => Promise<void>) {
  holder.client = client;
  holder.mode = mode;
  holder.close = close;
}

export async function closeDatabase() {
  const close = holder.close;
  holder.client = undefined;
  holder.close = undefined;
  await close?.();
}
