/**
 * The integration tests' database choice: PostgreSQL from TEST_DATABASE_URL (named in reports),
 * PGlite locally, and a loud failure in CI when PostgreSQL is missing.
 */
import { describe, expect, it } from "vitest";
import { testDatabaseEngine } from "../support/database-engine";

describe("test database engine", () => {
  it("runs on PostgreSQL when TEST_DATABASE_URL is set, and says which server", () => {
    expect(testDatabaseEngine({ TEST_DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test", CI: "true" })).toEqual({
      engine: "postgres",
      url: "postgresql://postgres@127.0.0.1:5432/test",
      label: "PostgreSQL 127.0.0.1:5432/test",
    });
  });

  it("runs on PGlite on a developer machine", () => {
    expect(testDatabaseEngine({})).toEqual({ engine: "pglite", label: "PGlite" });
    expect(testDatabaseEngine({ CI: "false" }).engine).toBe("pglite");
  });

  it("fails loudly in CI without PostgreSQL, unless PGlite is asked for", () => {
    expect(() => testDatabaseEngine({ CI: "true" })).toThrow(/CI is set but TEST_DATABASE_URL is not: PostgreSQL is expected/);
    expect(() => testDatabaseEngine({ CI: "1", TEST_DATABASE_URL: "" })).toThrow(/TEST_ALLOW_PGLITE=1/);
    expect(testDatabaseEngine({ CI: "true", TEST_ALLOW_PGLITE: "1" }).engine).toBe("pglite");
  });
});
