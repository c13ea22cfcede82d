/**
 * Imported FIRST by tests that run the app's Inngest functions on the embedded engine in this
 * process: the Inngest client reads the engine port when it is first imported.
 */
import { resetEnvCache } from "@/env";
import { freePort } from "../../engine/harness";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
process.env.INNGEST_ENGINE_BACKOFF_MS = "50";
process.env.INNGEST_ENGINE_PORT = String(await freePort());
resetEnvCache();
