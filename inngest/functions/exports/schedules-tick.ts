import { inngest } from "../../client";
import { advanceScheduleCursors, dueSchedules, startScheduledRun } from "@/server/exports/schedules";

/**
 * Every minute: the connectors whose PUSH or PULL schedule fired since it was last looked at
 * start their run (one step per run, so a crash mid-tick does not start anything twice), then
 * the cursors move to this tick. Cron TZ is UTC here; each connector's schedule is evaluated in
 * its own time zone.
 */
export const schedulesTick = inngest.createFunction(
  { id: "connector-schedules-tick", name: "Conectores: ejecuciones programadas", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } },
  async ({ step, event }) => {
    const at = await step.run("when", () => new Date(typeof event.ts === "number" ? event.ts : Date.now()).toISOString());
    const due = await step.run("find-due", () => dueSchedules(new Date(at)));
    const results = [];
    for (const d of due) results.push(await step.run(`start-${d.direction.toLowerCase()}-${d.connectorId}`, () => startScheduledRun(d)));
    await step.run("advance-cursors", () => advanceScheduleCursors(new Date(at)));
    return { due: due.length, started: results.filter((r) => r.started).length };
  },
);
