/**
 * Imported FIRST by tests that run the app's Inngest functions on the embedded engine in this
 * process: the shared starter picks the engine port before the Inngest client is imported, and
 * the fake n8n listens on loopback, which outgoing calls may reach only when allowed.
 */
import "../../support/in-process-engine";
import { resetEnvCache } from "@/env";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();
