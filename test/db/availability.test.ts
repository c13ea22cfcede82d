/**
 * "Database unreachable" vs every other database error, on real errors: a server that refuses
 * connections, and a healthy database answering a duplicate key or bad SQL. Plus the outage log:
 * one line when it starts, one when it ends, however many calls fail in between.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/server/db/availability";
import { freePort } from "../engine/harness";
import { createOwnPostgres } from "../support/own-postgres";

const caught = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e);

describe("isDatabaseUnavailable", () => {
  it("is true for a PostgreSQL server that refuses connections (queries, raw SQL, transactions)", async () => {
    const down = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres@127.0.0.1:${await freePort()}/x` }) });
    expect(isDatabaseUnavailable(await caught(down.engineProcess.findMany()))).toBe(true);
    expect(isDatabaseUnavailable(await caught(down.$queryRaw`SELECT 1`))).toBe(true);
    expect(isDatabaseUnavailable(await caught(down.$transaction(async (tx) => tx.engineProcess.count())))).toBe(true);
  });

  it("is true for a connection the server terminates mid-query, mid-transaction and before commit", { timeout: 60_000 }, async () => {
    // pg_terminate_backend is what a restarting server does to every session (57P01); inside an
    // interactive transaction node-postgres then answers a plain "… is not queryable" Error.
    const own = process.env.TEST_DATABASE_URL ? null : createOwnPostgres(await freePort());
    const url = process.env.TEST_DATABASE_URL ?? own!.url;
    const name = `availability-${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const terminate = async () => void (await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [name]));
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, application_name: name }) });
    try {
      const sleeping = caught(client.$queryRaw`SELECT pg_sleep(5)`);
      await new Promise((r) => setTimeout(r, 300));
      await terminate();
      expect(isDatabaseUnavailable(await sleeping)).toBe(true);

      const settle = () => new Promise((r) => setTimeout(r, 200));
      const midTransaction = await caught(client.$transaction(async (tx) => { await tx.$queryRaw`SELECT 1`; await terminate(); await settle(); await tx.$queryRaw`SELECT 2`; }));
      expect([String(midTransaction), isDatabaseUnavailable(midTransaction)]).toEqual([expect.stringContaining("not queryable"), true]);
      const atCommit = await caught(client.$transaction(async (tx) => { await tx.$queryRaw`SELECT 1`; await terminate(); await settle(); }));
      expect(isDatabaseUnavailable(atCommit)).toBe(true);
    } finally {
      await client.$disconnect();
      await admin.end();
      own?.destroy();
    }
  });

  it("is false for errors of a reachable database and for ordinary errors", async () => {
    await db().engineProcess.create({ data: { id: "dup" } });
    expect(isDatabaseUnavailable(await caught(db().engineProcess.create({ data: { id: "dup" } })))).toBe(false);
    expect(isDatabaseUnavailable(await caught(db().$queryRawUnsafe("SELEC 1")))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("OutageLog", () => {
  it("logs once per state change", () => {
    const lines: string[] = [];
    const log = { warn: (_: object, m: string) => void lines.push(`warn ${m}`), info: (_: object, m: string) => void lines.push(`info ${m}`) };
    const outage = new OutageLog(log, "engine");
    const unreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
    outage.ok();
    for (let i = 0; i < 50; i++) expect(outage.failed(unreachable)).toBe(true);
    expect(outage.failed(new Error("a bug"))).toBe(false);
    expect(outage.down).toBe(true);
    outage.ok();
    outage.ok();
    expect(lines).toEqual(["warn engine: database unreachable; retrying with backoff (logged again when it is back)", "info engine: database reachable again"]);
  });
});
