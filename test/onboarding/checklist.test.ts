/**
 * The first-run checklist is read from real data: sample invoices through the real upload and
 * parse path (embedded engine), a review by a person, a connector, an invitation. Closing it is
 * refused until every step is done; samples are removed in one click and only samples go.
 */
import { engineReady } from "../documents/support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { generateInvoice } from "../corpus/generate";
import { uploadDocument } from "@/server/documents/upload-document";
import { addMember, callerFor, createConnectorRow, createTenantWith, createUser, settledDocument } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let engine: Awaited<typeof engineReady>;
beforeAll(async () => {
  engine = await engineReady;
});
afterAll(() => engine?.stop());

const done = (c: { steps: { key: string; done: boolean }[] }) => Object.fromEntries(c.steps.map((s) => [s.key, s.done]));

describe("first-run checklist", () => {
  let owner: User;
  let tenantId: string;
  beforeAll(async () => {
    owner = await createUser({ name: "Dueña Nueva" });
    tenantId = (await createTenantWith(owner, "Estudio Nuevo")).id;
  });

  it("ticks each step from the tenant's data, and closes only when all are done", async () => {
    const caller = callerFor(owner, tenantId);
    expect(await caller.onboarding.checklist()).toMatchObject({ allDone: false, dismissed: false, samples: 0 });
    expect(done(await caller.onboarding.checklist())).toEqual({ upload: false, review: false, connect: false, invite: false });
    await expect(caller.onboarding.dismiss()).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await caller.onboarding.loadSamples()).toEqual({ loaded: 3 });
    expect(await caller.onboarding.loadSamples()).toEqual({ loaded: 0 });
    const samples = await db().document.findMany({ where: { tenantId, sample: true }, orderBy: { fileName: "asc" } });
    expect(samples.map((d) => d.fileName)).toEqual(["Ejemplo - Factura A.pdf", "Ejemplo - Factura B.pdf", "Ejemplo - Factura C sin QR.pdf"]);
    expect(done(await caller.onboarding.checklist())).toMatchObject({ upload: true, review: false });

    const parsed = await settledDocument(samples[0]!.id);
    expect(parsed).toMatchObject({ status: "COMPLETED", tipo: "FACTURA_A" });
    await caller.documents.markReviewed({ id: parsed.id, acknowledgeWarnings: true });
    expect(done(await caller.onboarding.checklist())).toMatchObject({ upload: true, review: true, connect: false });

    await createConnectorRow(tenantId);
    expect(done(await caller.onboarding.checklist())).toMatchObject({ connect: true, invite: false });
    await caller.invitations.create({ email: "equipo@example.com", role: "ACCOUNTANT" });
    const all = await caller.onboarding.checklist();
    expect(all).toMatchObject({ allDone: true, dismissed: false, samples: 3 });

    const viewer = (await addMember(tenantId, "VIEWER")).user;
    await expect(callerFor(viewer, tenantId).onboarding.dismiss()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(viewer, tenantId).onboarding.loadSamples()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await caller.onboarding.dismiss()).toMatchObject({ dismissed: true });
    expect(await caller.onboarding.checklist()).toMatchObject({ dismissed: true });
  }, 180_000);

  it("removes the samples and nothing else, in this tenant only", async () => {
    const caller = callerFor(owner, tenantId);
    const own = await generateInvoice({ seed: 77001, format: "pdf-text" });
    const real = await uploadDocument({ tenantId, userId: owner.id, role: "OWNER" }, { bytes: own.bytes, fileName: own.fileName });
    const other = await createUser();
    const otherTenant = (await createTenantWith(other)).id;
    await callerFor(other, otherTenant).onboarding.loadSamples();

    expect(await caller.onboarding.removeSamples()).toEqual({ removed: 3 });
    expect(await db().document.count({ where: { tenantId, sample: true } })).toBe(0);
    expect(await db().document.findUnique({ where: { id: real.document.id } })).not.toBeNull();
    expect(await db().document.count({ where: { tenantId: otherTenant, sample: true } })).toBe(3);
    // The reviewed sample is gone: the review step is open again, so the checklist shows again.
    expect(await caller.onboarding.checklist()).toMatchObject({ allDone: false, dismissed: false, samples: 0 });
  }, 180_000);
});
