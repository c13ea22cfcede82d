/**
 * Runs once when a server process starts (Node runtime only, never during `next build`). With no
 * Inngest server configured, it starts the embedded engine in this process. Then it hands over the
 * outbox events an earlier process left undispatched (after the sync, so the functions that take
 * them are registered).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ isEmbedded }, { recoverOutboxAtStartup }] = await Promise.all([import("~/inngest/embedded/config"), import("@/server/events/outbox-recovery")]);
  if (!isEmbedded()) {
    void recoverOutboxAtStartup();
    return;
  }
  const { startEmbeddedEngine } = await import("~/inngest/embedded");
  const engine = await startEmbeddedEngine();
  void engine.synced.then(() => recoverOutboxAtStartup());
}
