#!/usr/bin/env node
/**
 * `npm start`: the whole app on one machine with nothing installed.
 * Builds once if needed, applies pending migrations (embedded PGlite unless DATABASE_URL is set),
 * then serves on 127.0.0.1. `npm start -- --rebuild` forces a fresh build.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const port = process.env.PORT ?? "3000";
const env = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1", APP_URL: process.env.APP_URL ?? `http://127.0.0.1:${port}` };
const bin = (name) => `node_modules/.bin/${name}`;

function run(cmd, args) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const distDir = process.env.NEXT_DIST_DIR ?? ".next";
if (process.argv.includes("--rebuild") || !existsSync(`${distDir}/BUILD_ID`)) run(bin("next"), ["build"]);
run(bin("tsx"), ["scripts/db.ts", "deploy"]);

// A larger young generation: a request allocates a lot that dies young (Prisma, tRPC, Next), and
// the default 16 MB semi-space made the server spend ~12 % of its time in scavenges under load
// (bench/delivery, bench/documents: ~5 % more throughput at 64 MB). NODE_OPTIONS may set its own.
const heapFlags = process.env.NODE_OPTIONS?.includes("semi-space") ? [] : ["--max-semi-space-size=64"];
// scripts/server.mjs = `next start` plus the real client address (see TRUSTED_PROXIES).
const server = spawn(process.execPath, [...heapFlags, "scripts/server.mjs", "-H", process.env.HOST ?? "127.0.0.1", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
