/**
 * Operator alerts (issue 24 §3, §4): in-app notice + e-mail to the admins, per endpoint, once per
 * condition until it changes — failing streak, retries exhausted, disabled (410 included, with the
 * reason and an unambiguous time in the organization's zone), recovered. Real database, real
 * receiver, the local mail outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvent } from "@/server/events/outbox";
import { readLocalOutbox } from "@/server/mail/mailer";
import { FAILING_STREAK_ALERT } from "@/server/webhooks/alerts/endpoint-alerts";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { formatInstant } from "@/lib/format";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let receiver: Receiver;
let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
let status = 204;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver((_req, res) => res.writeHead(status).end());
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => receiver.close());

async function endpoint() {
  await db().webhookEndpoint.deleteMany({ where: { tenantId } });
  await db().notification.deleteMany({ where: { tenantId } });
  return (await callerFor(owner, tenantId).webhooks.create({ url: receiver.url, eventTypes: ["document.failed"] })).endpoint.id;
}

/** One new delivery, attempted as attempt `attempt` with the receiver answering `answer`. */
async function attempt(answer: number, attemptNumber = 1) {
  status = answer;
  const event = await recordDomainEvent(db(), tenantId, createDomainEvent("document.failed", { documentoId: "doc_alert", error: "ilegible" }));
  const [d] = await fanOutDomainEvent(event.id);
  return attemptDelivery(d!.deliveryId, attemptNumber);
}

const kinds = async () => (await db().notification.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } })).map((n) => n.kind);
const mailsSince = (n: number) => readLocalOutbox(owner.email).slice(n);

describe("operator alerts", () => {
  it("a failing streak alerts once, retries exhausted once, and a success says it recovered once", async () => {
    await endpoint();
    const mailsBefore = readLocalOutbox(owner.email).length;
    for (let i = 0; i < FAILING_STREAK_ALERT - 1; i++) await attempt(500);
    expect(await kinds()).toEqual([]);
    await attempt(500);
    await attempt(500);
    await attempt(500);
    expect(await kinds()).toEqual(["webhook.endpoint.failing"]);

    await attempt(500, 10); // the schedule's last attempt: gives up
    await attempt(500, 10);
    expect(await kinds()).toEqual(["webhook.endpoint.failing", "webhook.endpoint.exhausted"]);

    await attempt(204);
    await attempt(204);
    expect(await kinds()).toEqual(["webhook.endpoint.failing", "webhook.endpoint.exhausted", "webhook.endpoint.recovered"]);
    expect(mailsSince(mailsBefore).map((m) => m.subject)).toEqual([
      "Contaflow: Un endpoint de webhooks está fallando",
      "Contaflow: Se agotaron los reintentos de un webhook",
      "Contaflow: Un endpoint de webhooks se recuperó",
    ]);

    // A new streak after recovering is a new condition: alerted again.
    for (let i = 0; i < FAILING_STREAK_ALERT; i++) await attempt(503);
    expect((await kinds()).filter((k) => k === "webhook.endpoint.failing")).toHaveLength(2);
  });

  it("a 410 alerts that the endpoint was disabled, with the reason and the time in the organization's zone", async () => {
    const id = await endpoint();
    await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "America/Argentina/Buenos_Aires" } });
    expect(await attempt(410)).toEqual({ action: "disable-endpoint" });
    const [notice] = await callerFor(owner, tenantId).notifications.list();
    expect(notice).toMatchObject({ kind: "webhook.endpoint.disabled", title: "Deshabilitamos un endpoint de webhooks" });
    expect(notice!.body).toContain("410");
    const at = (await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledAt!;
    expect(notice!.body).toContain(formatInstant(at, "America/Argentina/Buenos_Aires"));
    // Events while disabled are held and say so; no second alert for the same condition.
    const event = await recordDomainEvent(db(), tenantId, createDomainEvent("document.failed", { documentoId: "doc_held", error: "ilegible" }));
    expect(await fanOutDomainEvent(event.id)).toEqual([]);
    expect(await kinds()).toEqual(["webhook.endpoint.disabled"]);
    expect(await db().webhookDelivery.count({ where: { endpointId: id, status: "HELD" } })).toBe(1);

    // Re-enabled by an admin: quiet; the next streak is a new condition.
    await callerFor(owner, tenantId).webhooks.setEnabled({ id, enabled: true });
    for (let i = 0; i < FAILING_STREAK_ALERT; i++) await attempt(500);
    expect(await kinds()).toEqual(["webhook.endpoint.disabled", "webhook.endpoint.failing"]);
  });

  it("the long-failure auto-disable notice writes both instants in the organization's own zone, for Spanish and English readers", async () => {
    const id = await endpoint();
    await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "Asia/Tokyo" } });
    try {
      // Failing since the 3rd of the month at 10:00 Tokyo: day ≤ 12, so DD/MM and MM/DD read differently.
      const since = new Date("2026-11-03T01:00:00Z");
      await db().webhookEndpoint.update({ where: { id }, data: { failingSince: since } });
      expect(await attempt(503)).toEqual({ action: "abort" });
      const at = (await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).disabledAt!;
      const [es] = await callerFor(owner, tenantId).notifications.list();
      expect(es).toMatchObject({ kind: "webhook.endpoint.disabled" });
      expect(es!.body).toContain("falló sin interrupción desde el 03/11/2026 10:00:00 GMT+09:00 (Asia/Tokyo)");
      expect(es!.body).toContain(`quedó deshabilitado el ${formatInstant(at, "Asia/Tokyo")}`);
      expect(es!.body).not.toContain("America/Argentina");
      // An English reader gets the dates in the English order the rest of the app uses (MM/DD/YYYY).
      const [en] = await callerFor(owner, tenantId, "en").notifications.list();
      expect(en!.body).toContain("failed without interruption since 11/03/2026 10:00:00 GMT+09:00 (Asia/Tokyo)");
      expect(en!.body).toContain(`was disabled on ${formatInstant(at, "Asia/Tokyo", "en")}`);
      // The endpoint list says why it is disabled in the reader's language, with the same instants.
      const [listed] = await callerFor(owner, tenantId, "en").webhooks.list();
      expect(listed!.disabledReason).toBe("failed without interruption since 11/03/2026 10:00:00 GMT+09:00 (Asia/Tokyo) (more than 120 hours)");
      expect((await callerFor(owner, tenantId).webhooks.get({ id })).disabledReason).toBe("falló sin interrupción desde el 03/11/2026 10:00:00 GMT+09:00 (Asia/Tokyo) (más de 120 horas)");
      await callerFor(owner, tenantId).webhooks.setEnabled({ id, enabled: true });
      await callerFor(owner, tenantId).webhooks.setEnabled({ id, enabled: false });
      expect((await callerFor(owner, tenantId, "en").webhooks.get({ id })).disabledReason).toBe("Disabled manually");
    } finally {
      await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "America/Argentina/Buenos_Aires" } });
    }
  });

  it("writes instants unambiguously: date, 24-hour time, offset and zone", () => {
    const at = new Date("2026-12-06T22:24:04Z");
    expect(formatInstant(at)).toBe("06/12/2026 19:24:04 GMT-03:00 (America/Argentina/Buenos_Aires)");
    expect(formatInstant(at, "Europe/Madrid")).toBe("06/12/2026 23:24:04 GMT+01:00 (Europe/Madrid)");
  });
});
