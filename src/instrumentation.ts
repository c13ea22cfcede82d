/**
 * Runs once when a server process starts (Node runtime only, never during `next build`). With no
 * Inngest server configured, it starts the embedded engine in this process. Then it takes over what
 * an earlier process left undone — outbox events and parse requests (after the sync, so the
 * functions that take them are registered).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ isEmbedded }, { recoverAtStartup }] = await Promise.all([import("~/inngest/embedded/config"), import("@/server/startup/recover")]);
  if (!isEmbedded()) {
    void recoverAtStartup();
    return;
  }
  const { startEmbeddedEngine } = await import("~/inngest/embedded");
  const engine = await startEmbeddedEngine();
  void engine.synced.then(() => recoverAtStartup());
}
