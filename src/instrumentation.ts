/**
 * Runs once when a server process starts. With no Inngest server configured, it starts the
 * embedded engine in this process (Node runtime only, never during `next build`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { isEmbedded } = await import("~/inngest/embedded/config");
  if (!isEmbedded()) return;
  const { startEmbeddedEngine } = await import("~/inngest/embedded");
  await startEmbeddedEngine();
}
