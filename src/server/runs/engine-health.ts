import "server-only";
import { engineUrl, isEmbedded } from "~/inngest/embedded/config";
import { db } from "@/server/db/client";

/** One line for the dashboard: is background work keeping up? (counts only, no run data) */
export async function engineHealth() {
  if (!isEmbedded()) return { mode: "external" as const, url: engineUrl() };
  const since = new Date(Date.now() - 864e5);
  const [running, failed24h, due, oldest] = await Promise.all([
    db().engineRun.count({ where: { status: "RUNNING" } }),
    db().engineRun.count({ where: { status: "FAILED", endedAt: { gte: since } } }),
    db().engineQueueItem.count({ where: { runAt: { lte: new Date() } } }),
    db().engineQueueItem.findFirst({ where: { runAt: { lte: new Date() } }, orderBy: { runAt: "asc" }, select: { runAt: true } }),
  ]);
  return { mode: "embedded" as const, running, failed24h, due, oldestDueSeconds: oldest ? Math.round((Date.now() - oldest.runAt.getTime()) / 1000) : 0 };
}
