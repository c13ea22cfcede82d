/**
 * The queue item reference sent to the SDK as `ctx.qi_id` and echoed in its checkpoints: the item
 * and the lease of this claim. A checkpoint whose claim no longer holds (lease lost and the step
 * claimed again, run ended) is stale, as Inngest's `ErrStaleDispatch`.
 */
import type { EngineQueueItem } from "@/generated/prisma/client";

export function queueItemRef(item: Pick<EngineQueueItem, "id" | "leaseUntil">): string {
  return `${item.id}.${item.leaseUntil?.getTime() ?? 0}`;
}

export function parseQueueItemRef(ref: unknown): { id: string; leaseUntil: Date } | null {
  if (typeof ref !== "string") return null;
  const match = /^(.+)\.(\d+)$/.exec(ref);
  return match ? { id: match[1]!, leaseUntil: new Date(Number(match[2])) } : null;
}
