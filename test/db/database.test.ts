import { describe, expect, it } from "vitest";
import { db, dbMode } from "@/server/db/client";

describe("test database", () => {
  it("is migrated and empty", async () => {
    expect(await db().user.count()).toBe(0);
    expect(await db().tenant.count()).toBe(0);
  });

  it("uses PostgreSQL exactly when TEST_DATABASE_URL is set", () => {
    expect(dbMode()).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
  });
});
