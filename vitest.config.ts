import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@/": fileURLToPath(new URL("./src/", import.meta.url)),
      "~/": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/support/empty.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "inngest/**/*.test.ts"],
    pool: "forks",
    // Vitest's default is cores - 1 (one worker on a 2-core CI machine), but most files wait on
    // PostgreSQL, child processes and loopback HTTP rather than compute: two workers halve the wall
    // time. Three were 2 min faster still, but one run in three lost a fork mid-file ("Worker exited
    // unexpectedly" in test/parsing/qr-position.test.ts, native image decoding): not worth a red CI.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup-file.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
