/**
 * Builds one migrated template database per test run; each test file then gets its own
 * copy (test/support/setup-file.ts). PostgreSQL when TEST_DATABASE_URL is set, else PGlite — but
 * never PGlite by accident in CI (test/support/database-engine.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { applyMigrations, pgFactory, pgliteFactory } from "../../src/server/db/migrator";
import { pgliteDumpPath, templateDbName, withDatabaseName } from "./database-names";
import { testDatabaseEngine } from "./database-engine";

async function dropTemplate(url: string, name: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

export default async function globalSetup() {
  const db = testDatabaseEngine();
  console.log(`integration tests on ${db.label}`);
  const url = db.engine === "postgres" ? db.url : undefined;
  process.env.CONTAFLOW_TEMPLATE_DB = `contaflow_tpl_${randomBytes(5).toString("hex")}`;
  const TEMPLATE_DB = templateDbName();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
    await admin.end();
    const { factory, close } = await pgFactory(withDatabaseName(url, TEMPLATE_DB));
    await applyMigrations(factory);
    await close();
    return () => dropTemplate(url, TEMPLATE_DB);
  }
  const pglite = await PGlite.create();
  await applyMigrations(await pgliteFactory(pglite));
  const dump = await pglite.dumpDataDir("none");
  mkdirSync(".data/test", { recursive: true });
  const dumpPath = `.data/test/${pgliteDumpPath()}`;
  process.env.CONTAFLOW_PGLITE_DUMP = dumpPath;
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  return () => rmSync(dumpPath, { force: true });
}
