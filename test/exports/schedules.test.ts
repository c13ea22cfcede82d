/** Schedules: which connectors are due at a minute (in their time zone), and deduplicated failure alerts. */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { alertScheduledFailure } from "@/server/exports/alerts";
import { dueSchedules, firedWithin, scheduledRunId } from "@/server/exports/schedules";
import { createConnectorRow, createTenantWith, createUser } from "../support/factories";

describe("schedules", () => {
  it("a cron fires in its time zone's minute, not in the neighbouring ones", () => {
    // Monday 2026-11-30 08:00 in Buenos Aires = 11:00 UTC.
    expect(firedWithin("0 8 * * 1-5", "America/Argentina/Buenos_Aires", new Date("2026-11-30T11:00:20Z"))?.toISOString()).toBe("2026-11-30T11:00:00.000Z");
    expect(firedWithin("0 8 * * 1-5", "America/Argentina/Buenos_Aires", new Date("2026-11-30T11:01:30Z"))).toBeNull();
    expect(firedWithin("0 8 * * 1-5", "America/Argentina/Buenos_Aires", new Date("2026-11-30T08:00:20Z"))).toBeNull();
    expect(firedWithin("0 8 * * 1-5", "America/Argentina/Buenos_Aires", new Date("2026-11-29T11:00:20Z"))).toBeNull(); // Sunday
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
