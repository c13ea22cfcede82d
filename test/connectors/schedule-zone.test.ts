/**
 * Schedules and the organization's zone: a connector's cron fires in its own zone, and its next
 * runs are written in the organization's zone and the reader's language.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { previewSchedule } from "@/server/connectors/schedule";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { allowLoopback } from "../support/loopback";

let owner: { id: string; name: string; email: string };
let tenantId: string;

beforeAll(async () => {
  owner = await createUser({ name: "Olga Dueña" });
  tenantId = (await createTenantWith(owner, "Estudio Horario")).id;
});

describe("a schedule's next runs", () => {
  const from = new Date("2026-12-07T00:00:00Z"); // Sunday 21:00 in Buenos Aires

  it("fire in the schedule's zone and are written in the display zone and locale", () => {
    const preview = previewSchedule("0 8 * * 1-5", "America/Argentina/Buenos_Aires", 2, from, { locale: "en", timeZone: "Asia/Tokyo" });
    expect(preview.ok && preview.nextRuns.map((r) => r.at.toISOString())).toEqual(["2026-12-07T11:00:00.000Z", "2026-12-08T11:00:00.000Z"]);
    expect(preview.ok && preview.nextRuns.map((r) => r.label)).toEqual(["Mon, 12/07/2026, 20:00", "Tue, 12/08/2026, 20:00"]);
    expect(preview.ok && preview.description).toMatch(/^on weekdays|^every|Monday/i);
  });

  it("through the API: labels follow the organization's zone once it changes", async () => {
    const caller = callerFor(owner, tenantId);
    const before = await caller.connectors.previewSchedule({ cron: "0 8 * * *", timezone: "America/Argentina/Buenos_Aires" });
    expect(before.ok && before.nextRuns[0]!.label).toMatch(/ 08:00$/);
    await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "Asia/Tokyo" } });
    const after = await caller.connectors.previewSchedule({ cron: "0 8 * * *", timezone: "America/Argentina/Buenos_Aires" });
    expect(after.ok && after.nextRuns[0]!.label).toMatch(/ 20:00$/);
    expect(after.ok && after.nextRuns[0]!.at).toEqual(before.ok && before.nextRuns[0]!.at);
    const english = await callerFor(owner, tenantId, "en").connectors.previewSchedule({ cron: "0 8 * * *", timezone: "America/Argentina/Buenos_Aires" });
    expect(english.ok && english.description).not.toMatch(/todos|días/);
  });
});

describe("a connector's schedule zone", () => {
  it("sent without one, is the organization's zone (not Buenos Aires); an edit without one keeps the stored zone", async () => {
    allowLoopback(true);
    const admin = await createUser({ name: "Tomás Tokio" });
    const tokyo = (await createTenantWith(admin, "Estudio Tokio")).id;
    await db().tenant.update({ where: { id: tokyo }, data: { timeZone: "Asia/Tokyo", planId: "empresa" } });
    const caller = callerFor(admin, tokyo);
    const base = { direction: "PUSH" as const, baseUrl: "http://127.0.0.1:9/api/v1", pushSchedule: "0 8 * * 1-5" };

    const plain = await caller.connectors.create({ ...base, name: "Sin zona" });
    expect(plain.scheduleTimezone).toBe("Asia/Tokyo");
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: plain.id } })).scheduleTimezone).toBe("Asia/Tokyo");

    const given = await caller.connectors.create({ ...base, name: "Con zona", scheduleTimezone: "America/Argentina/Cordoba" });
    expect(given.scheduleTimezone).toBe("America/Argentina/Cordoba");

    // Later the organization moves: an edit without a zone keeps the connector's own.
    await db().tenant.update({ where: { id: tokyo }, data: { timeZone: "Europe/Madrid" } });
    expect((await caller.connectors.update({ id: given.id, data: { ...base, name: "Con zona" } })).scheduleTimezone).toBe("America/Argentina/Cordoba");
    expect((await caller.connectors.update({ id: plain.id, data: { ...base, name: "Sin zona", scheduleTimezone: "Asia/Seoul" } })).scheduleTimezone).toBe("Asia/Seoul");

    const preset = await caller.connectors.createFromPreset({ presetKey: "rest-json", name: "Desde preset", credentials: { baseUrl: "http://127.0.0.1:9/api", secret: "token-123" } });
    expect(preset.scheduleTimezone).toBe("Europe/Madrid");
    allowLoopback(false);
  });

  it("an unknown zone is refused on its field", async () => {
    const admin = await createUser();
    const id = (await createTenantWith(admin, "Estudio Zona Rara")).id;
    await expect(callerFor(admin, id).connectors.create({ direction: "PUSH", baseUrl: "https://erp.example.com/api", name: "Rara", scheduleTimezone: "Marte/Olympus" })).rejects.toThrow(/Zona horaria desconocida/);
  });
});
