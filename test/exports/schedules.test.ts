/** Schedules: which connectors are due at a minute (in their time zone), and deduplicated failure alerts. */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { alertScheduledFailure } from "@/server/exports/alerts";
import { advanceScheduleCursors, dueSchedules, lastFireIn, scheduledRunId } from "@/server/exports/schedules";
import { createConnectorRow, createTenantWith, createUser } from "../support/factories";

describe("schedules", () => {
  it("a cron fires in its time zone's minute, not in the neighbouring ones", () => {
    const BA = "America/Argentina/Buenos_Aires";
    const lastMinute = (now: string) => lastFireIn("0 8 * * 1-5", BA, new Date(Date.parse(now) - 60_000), new Date(now));
    // Monday 2026-11-30 08:00 in Buenos Aires = 11:00 UTC.
    expect(lastMinute("2026-11-30T11:00:20Z")?.toISOString()).toBe("2026-11-30T11:00:00.000Z");
    expect(lastMinute("2026-11-30T11:01:30Z")).toBeNull();
    expect(lastMinute("2026-11-30T08:00:20Z")).toBeNull();
    expect(lastMinute("2026-11-29T11:00:20Z")).toBeNull(); // Sunday
    // Several fires in the window: the latest one.
    expect(lastFireIn("0 */6 * * *", "UTC", new Date("2026-11-30T00:30:00Z"), new Date("2026-11-30T13:00:00Z"))?.toISOString()).toBe("2026-11-30T12:00:00.000Z");
  });

  it("a fire missed while the app was down runs once when it is back, up to a day late", async () => {
    const tenantId = (await createTenantWith(await createUser())).id;
    // 08:00 Buenos Aires every day; the app was down from 07:00 to 09:30 (10:00–12:30 UTC).
    const missed = await createConnectorRow(tenantId, { direction: "PUSH", pushSchedule: "0 8 * * *" });
    await db().apiConnector.update({ where: { id: missed.id }, data: { pushScheduledThrough: new Date("2026-11-30T10:00:00Z") } });
    // Mondays 08:00, looked at last on Sunday, the app back on Tuesday: more than a day late.
    const stale = await createConnectorRow(tenantId, { direction: "PUSH", pushSchedule: "0 8 * * 1" });
    await db().apiConnector.update({ where: { id: stale.id }, data: { pushScheduledThrough: new Date("2026-11-29T12:00:00Z") } });

    const back = new Date("2026-11-30T12:30:00Z");
    const due = (await dueSchedules(back)).filter((d) => d.connectorId === missed.id);
    expect(due).toEqual([{ tenantId, connectorId: missed.id, direction: "PUSH", fireAt: "2026-11-30T11:00:00.000Z" }]);
    // Tuesday 09:30: Monday's 08:00 is more than a day ago, so it is not replayed.
    expect((await dueSchedules(new Date("2026-12-01T12:30:00Z"))).filter((d) => d.connectorId === stale.id)).toEqual([]);

    // The tick moves the cursors: the next minute finds nothing more; a cursor never goes back.
    await advanceScheduleCursors(back);
    expect((await dueSchedules(new Date(back.getTime() + 60_000))).filter((d) => d.tenantId === tenantId)).toEqual([]);
    await advanceScheduleCursors(new Date("2026-11-30T12:00:00Z"));
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: missed.id } })).pushScheduledThrough).toEqual(back);
  });

  it("due connectors per direction; disabled ones and a PULL schedule on a PUSH connector are not", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner)).id;
    const both = await createConnectorRow(tenantId, { direction: "BIDIRECTIONAL", pushSchedule: "0 8 * * 1-5", pullSchedule: "0 8 * * *" });
    await createConnectorRow(tenantId, { direction: "PUSH", pullSchedule: "0 8 * * *", enabled: true });
    await createConnectorRow(tenantId, { direction: "PUSH", pushSchedule: "0 8 * * *", enabled: false });
    const due = (await dueSchedules(new Date("2026-11-30T11:00:05Z"))).filter((d) => d.tenantId === tenantId);
    expect(due.map((d) => [d.connectorId, d.direction]).sort()).toEqual([
      [both.id, "PULL"],
      [both.id, "PUSH"],
    ]);
    expect(scheduledRunId(due[0]!)).toBe(scheduledRunId({ ...due[0]! }));
    expect(scheduledRunId(due[0]!)).toMatch(/^sched-(push|pull)-.+-202611301100$/);
  });

  it("failure alerts reach admins once until the notice is read", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner)).id;
    const input = { connectorId: "con_1", connectorName: "ERP", direction: "PUSH" as const, detail: "3 de 10 documentos no se exportaron." };
    expect(await alertScheduledFailure(tenantId, input)).toEqual({ notified: true });
    expect(await alertScheduledFailure(tenantId, input)).toEqual({ notified: false });
    expect(await alertScheduledFailure(tenantId, { ...input, direction: "PULL" })).toEqual({ notified: true });
    const notices = await db().notification.findMany({ where: { tenantId } });
    expect(notices).toHaveLength(2);
    expect(notices.map((n) => n.roles.sort())).toEqual([["ADMIN", "OWNER"], ["ADMIN", "OWNER"]]);
    await db().notification.updateMany({ where: { tenantId }, data: { readAt: new Date() } });
    expect(await alertScheduledFailure(tenantId, input)).toEqual({ notified: true });
  });
});
