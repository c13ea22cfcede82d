/**
 * Which database the integration tests run on. PostgreSQL when TEST_DATABASE_URL is set, else
 * PGlite — except in CI, where PostgreSQL is expected: there a missing TEST_DATABASE_URL (PostgreSQL
 * was down when .ci/run looked) fails the run instead of quietly testing every file on PGlite.
 * TEST_ALLOW_PGLITE=1 runs on PGlite in CI on purpose.
 */
export type TestEngine = { engine: "postgres"; url: string; label: string } | { engine: "pglite"; label: string };

export function testDatabaseEngine(env: Record<string, string | undefined> = process.env): TestEngine {
  const url = env.TEST_DATABASE_URL;
  if (url) {
    const u = new URL(url);
    return { engine: "postgres", url, label: `PostgreSQL ${u.host}${u.pathname}` };
  }
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0";
  if (ci && env.TEST_ALLOW_PGLITE !== "1") {
    throw new Error(
      "CI is set but TEST_DATABASE_URL is not: PostgreSQL is expected in CI and was not reachable, so the tests would all run on PGlite. " +
        "Start PostgreSQL and set TEST_DATABASE_URL (.ci/run does both), or set TEST_ALLOW_PGLITE=1 to run on PGlite on purpose.",
    );
  }
  return { engine: "pglite", label: "PGlite" };
}
