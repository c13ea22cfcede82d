import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { closeDatabase } from "@/server/db/client";
import { provisionTestDatabase } from "./database";

// Each test file: its own data folder (generated secrets, files) and its own database.
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "contaflow-test-"));
process.env.APP_URL ??= "http://127.0.0.1:3999";
// What scripts/server.mjs does in production: the socket address in a header only it sets.
process.env.CONTAFLOW_PEER_HEADER ??= "x-contaflow-peer-test";
await provisionTestDatabase();
afterAll(closeDatabase);
