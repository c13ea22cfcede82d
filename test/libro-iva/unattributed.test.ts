/**
 * Documents with no receptor CUIT belong to no client: no client's month holds them, so they could
 * drop out of the purchase book unnoticed. Every client's pre-flight of that month (and the run)
 * lists each one as a blocker with the field to fix (receptorCuit, on the review page) until the
 * CUIT is filled in or the document is discarded; a member limited to some clients, who cannot
 * see them, gets one blocker with how many there are and no link.
 */
import { finishedRun, libroEngineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { cleanFields, parsedDocument, validCuit } from "../documents/support/review";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let limited: { id: string; name: string; email: string };
let limitedMembershipId: string;
let tenantId: string;
const CLIENT_A = validCuit("3070777111");
const CLIENT_B = validCuit("3070777222");
const asOwner = () => callerFor(owner, tenantId);
const asLimited = () => callerFor(limited, tenantId);
let n = 500;
const docFor = (receptorCuit: string | null, o: Parameters<typeof cleanFields>[1] = {}) => parsedDocument(tenantId, cleanFields(++n, { receptorCuit, fecha: "2026-10-10", ...o }));

let engine: Awaited<typeof libroEngineReady>;
beforeAll(async () => {
  engine = await libroEngineReady;
  owner = await createUser({ name: "Dueño Sin Cliente" });
  tenantId = (await createTenantWith(owner, "Estudio Sin Cliente")).id;
  const m = await addMember(tenantId, "ACCOUNTANT");
  limited = m.user;
  limitedMembershipId = m.membership.id;
});
afterAll(() => engine?.stop());

const finished = (runId: string) => finishedRun(asOwner, runId);

describe("documents of the month without a receptor CUIT", () => {
  it("block every client's month with a link to fill in the receptor CUIT; filled in or discarded, the month is ready", async () => {
    const alfa = await asOwner().clients.create({ cuit: CLIENT_A, razonSocial: "Alfa SA" });
    const beta = await asOwner().clients.create({ cuit: CLIENT_B, razonSocial: "Beta SA" });
    const a1 = await docFor(CLIENT_A);
    const b1 = await docFor(CLIENT_B);
    await asOwner().documents.markReviewed({ id: a1.id });
    await asOwner().documents.markReviewed({ id: b1.id });
    const orphan = await docFor(null, { proveedorRazonSocial: "Huérfano SRL" });
    const orphan2 = await docFor(null);
    await docFor(null, { fecha: "2026-09-30" }); // another month
    const discarded = await docFor(null);
    await asOwner().documents.discard({ id: discarded.id });

    for (const client of [alfa, beta]) {
      const pre = await asOwner().libroIva.preflight({ clientId: client.id, period: "2026-10" });
      expect(pre.documents).toBe(1);
      expect(pre.ready).toBe(false);
      expect(pre.blockers.map((b) => [b.documentId, b.code, b.field])).toEqual([[orphan.id, "NO_CLIENT", "receptorCuit"], [orphan2.id, "NO_CLIENT", "receptorCuit"]].sort((x, y) => x[0]!.localeCompare(y[0]!)));
      expect(pre.blockers.find((b) => b.documentId === orphan.id)!.label).toMatch(/^Huérfano SRL · Factura A · 00003-/);
      expect(pre.blockers[0]!.message).toMatch(/Sin CUIT del receptor/);
    }

    // The run checks again: blocked with the same reasons, no file.
    const blocked = await finished((await asOwner().libroIva.generate({ clientId: alfa.id, period: "2026-10" })).runId);
    expect(blocked.status).toBe("BLOCKED");
    expect((blocked.blockers as { code: string }[]).map((b) => b.code)).toEqual(["NO_CLIENT", "NO_CLIENT"]);

    // A member limited to Alfa cannot see them: one blocker with how many, no document.
    await asOwner().clients.setMemberClients({ membershipId: limitedMembershipId, limited: true, clientIds: [alfa.id] });
    const hidden = await asLimited().libroIva.preflight({ clientId: alfa.id, period: "2026-10" });
    expect(hidden.ready).toBe(false);
    expect(hidden.blockers).toEqual([{ documentId: "", code: "NO_CLIENT", field: null, label: "", message: expect.stringMatching(/^Hay 2 comprobantes sin CUIT del receptor \(de este mes o sin fecha\)/) }]);
    const run = await asLimited().libroIva.run({ runId: blocked.id });
    expect(run.blockers).toEqual(hidden.blockers);

    // Fixed on the review page: one gets Beta's CUIT (now Beta's), the other is discarded.
    const fresh = await asOwner().documents.get({ id: orphan.id });
    await asOwner().documents.correct({ id: orphan.id, version: fresh.version, fields: { receptorCuit: CLIENT_B } });
    await asOwner().documents.discard({ id: orphan2.id });
    const ready = await asOwner().libroIva.preflight({ clientId: alfa.id, period: "2026-10" });
    expect(ready.blockers).toEqual([]);
    expect(ready.ready).toBe(true);
    expect((await asOwner().libroIva.preflight({ clientId: beta.id, period: "2026-10" })).documents).toBe(2);
    expect(await db().document.count({ where: { tenantId, receptorCuit: null, discardedAt: null } })).toBe(1);
  });
});
