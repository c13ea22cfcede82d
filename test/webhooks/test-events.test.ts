/**
 * "Enviar evento de prueba": the receiver gets a signed event marked `test: true` whose ids cannot
 * be real (`doc_test_…`); and the receiver guide's snippets check the timestamp's age.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { RECEIVER_SNIPPETS } from "@/components/webhooks/receiver-snippets";
import { eventCatalog, parseDomainEvent, EVENT_TYPES } from "@/server/events/catalog";
import { createId } from "@/server/ids";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { createTestDelivery, testEventData } from "@/server/webhooks/delivery/redeliver";
import { standardSigningKey } from "@/server/webhooks/secrets";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let receiver: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => receiver.close());

describe("test events", () => {
  it("arrive signed, with test: true and a doc_test_ id", async () => {
    const { endpoint, secret } = await callerFor(owner, tenantId).webhooks.create({ url: receiver.url, eventTypes: ["document.processed"] });
    const request = await createTestDelivery({ tenantId, userId: owner.id, role: "OWNER" }, endpoint.id, "document.processed");
    expect(await attemptDelivery(request.deliveryId, 1)).toEqual({ action: "delivered" });
    const got = receiver.requests.at(-1)!;
    const body = new Webhook(standardSigningKey(secret), { format: "raw" }).verify(got.body, got.headers) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "document.processed", test: true });
    expect(body.documentoId).toMatch(/^doc_test_[0-9a-f]{12}$/);
  });

  it("never reuse a real id shape, for every event type, and real events carry no marker", () => {
    for (const type of EVENT_TYPES) {
      const data = testEventData(type);
      expect(data.test).toBe(true);
      for (const field of ["documentoId", "connectorId", "externalId"]) if (field in data) expect(String(data[field])).toMatch(/^[a-z]+_test_/);
      expect(() => parseDomainEvent({ type, version: eventCatalog[type].sample.version, timestamp: new Date().toISOString(), ...data })).not.toThrow();
    }
    expect(createId()).toMatch(/^c[0-9a-z]+$/); // real ids: no "_test_" possible
    expect(() => parseDomainEvent({ type: "document.failed", version: 1, timestamp: new Date().toISOString(), documentoId: "doc_1", error: "x", test: false })).toThrow();
  });
});

describe("receiver guide snippets", () => {
  const code = (id: string) => RECEIVER_SNIPPETS.find((s) => s.id === id)!.code;
  it("PHP rejects a timestamp older than 5 minutes, like the Node and Python ones", () => {
    expect(code("php")).toContain("$_SERVER['HTTP_X_TIMESTAMP']");
    expect(code("php")).toMatch(/abs\(time\(\) - \$sentAt\) > 300/);
    expect(code("node-hmac")).toContain("5 * 60 * 1000");
    expect(code("python")).toContain("> 300");
  });
  it("n8n compares x-timestamp's age with 5 minutes", () => {
    expect(code("n8n")).toMatch(/Date\.parse\(\$node\["Webhook"\]\.json\.headers\["x-timestamp"\]\)/);
    expect(code("n8n")).toContain("300000");
  });
});
