/**
 * A fresh, migrated database for the current test file: a copy of the run's template
 * database on PostgreSQL, or a PGlite restored from the template dump.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { installDatabase } from "@/server/db/client";
import { resetEnvCache } from "@/env";
import { templateDbName, withDatabaseName } from "./database-names";

export type TestDatabase = { client: PrismaClient; url?: string; drop: () => Promise<void> };

export async function provisionTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `contaflow_t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDbName()}"`);
    await admin.end();
    const url = withDatabaseName(base, name);
    process.env.DATABASE_URL = url;
    resetEnvCache();
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    const drop = async () => {
      await client.$disconnect();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
    installDatabase(client, "postgres", drop);
    return { client, url, drop };
  }
  delete process.env.DATABASE_URL;
  resetEnvCache();
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(process.env.CONTAFLOW_PGLITE_DUMP!)]) });
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const drop = async () => {
    await client.$disconnect();
    await pglite.close();
  };
  installDatabase(client, "pglite", drop);
  return { client, drop };
}
