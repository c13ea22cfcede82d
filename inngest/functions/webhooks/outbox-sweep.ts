import { inngest } from "../../client";
import { db } from "@/server/db/client";
import { dispatchDomainEvents } from "@/server/events/dispatch";

/** Safety net for the outbox: events committed but never handed to Inngest (crash, Inngest down). */
export const outboxSweep = inngest.createFunction(
  { id: "outbox-sweep", name: "Outbox: reenviar eventos sin despachar", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const stale = await step.run("find-undispatched", () =>
      db().domainEvent.findMany({
        where: { dispatchedAt: null, occurredAt: { lt: new Date(Date.now() - 30_000) } },
        select: { id: true, type: true, tenantId: true },
        orderBy: { occurredAt: "asc" },
        take: 500,
      }),
    );
    await step.run("dispatch", () => dispatchDomainEvents(stale));
    return { dispatched: stale.length };
  },
);
