import { inngest } from "../../client";
import { dispatchDomainEvents } from "@/server/events/dispatch";
import { findUndispatched } from "@/server/events/outbox-recovery";

/**
 * Safety net for the outbox: events committed but never handed to Inngest (Inngest down, a send
 * that failed). Events a crashed process left behind are also sent when the next one starts
 * (recoverOutboxAtStartup).
 */
export const outboxSweep = inngest.createFunction(
  { id: "outbox-sweep", name: "Outbox: reenviar eventos sin despachar", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const stale = await step.run("find-undispatched", () => findUndispatched(new Date(Date.now() - 30_000)));
    await step.run("dispatch", () => dispatchDomainEvents(stale));
    return { dispatched: stale.length };
  },
);
