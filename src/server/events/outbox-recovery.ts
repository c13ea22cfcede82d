import "server-only";
import { processStartedAt } from "@/server/startup/process-started";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { dispatchDomainEvents } from "./dispatch";

const log = logger.child({ module: "outbox-recovery" });
const PAGE = 500;

/** Outbox events committed before `before` and never handed to Inngest, oldest first. */
export function findUndispatched(before: Date, take = PAGE) {
  return db().domainEvent.findMany({
    where: { dispatchedAt: null, occurredAt: { lt: before } },
    select: { id: true, type: true, tenantId: true },
    orderBy: { occurredAt: "asc" },
    take,
  });
}

/**
 * At process start, hands over every event committed before this process started and left
 * undispatched (a crash or a stop inside the dispatch lag): none of them can still be waiting in
 * this process's hand-off queue. Without it they waited for the once-a-minute sweep (30 s age).
 * Another live process may still be handing some of them over; sending twice is harmless (the
 * Inngest event id derives from the outbox ids, fan-out is idempotent). Returns how many it sent.
 */
export async function recoverOutboxAtStartup(startedAt = processStartedAt()): Promise<number> {
  let recovered = 0;
  try {
    for (;;) {
      const page = await findUndispatched(startedAt);
      if (page.length === 0) break;
      await dispatchDomainEvents(page);
      recovered += page.length;
      // A page that could not be handed over stays undispatched: leave it to the cron sweep.
      const left = await db().domainEvent.count({ where: { id: { in: page.map((e) => e.id) }, dispatchedAt: null } });
      if (left > 0 || page.length < PAGE) break;
    }
    if (recovered > 0) log.info({ recovered }, "handed over outbox events left undispatched by an earlier process");
  } catch (err) {
    log.warn({ err }, "outbox recovery at startup failed; the cron sweep will send them");
  }
  return recovered;
}
