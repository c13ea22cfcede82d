/**
 * The export guard on the public API (an ERP importing from /api/v1/documents): every document
 * says its review state and whether it may leave, with the reason; `exportable=true` returns only
 * what /exportar and schedules would send (REVIEWED, not discarded, no unresolved duplicate).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { documentRow, ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let token: string;
let docs: Record<"reviewed" | "unreviewed" | "flagged" | "original" | "copy" | "discarded" | "resolved", string>;

type Review = { status: string; reviewedAt: string | null; exportable: boolean; blockedReason: string | null };
type Listed = { data: { id: string; review: Review }[]; nextCursor: string | null };

beforeAll(async () => {
  server = await startApiServer();
  const ctx = await ownerWithClient({ planId: "empresa" });
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
  const t = ctx.tenant.id;
  const reviewed = { reviewStatus: "REVIEWED", reviewedAt: new Date("2026-12-01T12:00:00Z") };
  const original = await documentRow(t, 1, { ...reviewed, tipo: "FACTURA_A", puntoVenta: 2, numero: 77n });
  docs = {
    reviewed: (await documentRow(t, 2, reviewed)).id,
    unreviewed: (await documentRow(t, 3, { reviewStatus: "UNREVIEWED" })).id,
    flagged: (await documentRow(t, 4, { reviewStatus: "NEEDS_REVIEW" })).id,
    original: original.id,
    copy: (await documentRow(t, 5, { ...reviewed, tipo: "FACTURA_A", puntoVenta: 2, numero: 77n, duplicateOfId: original.id })).id,
    discarded: (await documentRow(t, 6, { ...reviewed, discardedAt: new Date() })).id,
    resolved: (await documentRow(t, 7, { ...reviewed, duplicateOfId: original.id, notDuplicate: true })).id,
  };
});
afterAll(() => server.close());

describe("GET /api/v1/documents: review and exportable", () => {
  it("exportable=true returns only reviewed documents that are not discarded nor an unresolved duplicate", async () => {
    const r = await api(server.url, "/api/v1/documents?exportable=true&limit=100", token);
    expect(r.status).toBe(200);
    const body = r.body as Listed;
    expect(body.data.map((d) => d.id).sort()).toEqual([docs.reviewed, docs.resolved].sort());
    expect(body.data.every((d) => d.review.exportable && d.review.status === "REVIEWED" && d.review.blockedReason === null)).toBe(true);
    expect(body.data.find((d) => d.id === docs.reviewed)!.review.reviewedAt).toBe("2026-12-01T12:00:00.000Z");
  });

  it("every document says whether it may leave and why not; exportable=false lists the rest", async () => {
    const all = (await api(server.url, "/api/v1/documents?limit=100", token)).body as Listed;
    const review = (id: string) => all.data.find((d) => d.id === id)!.review;
    expect(all.data).toHaveLength(7);
    expect(review(docs.unreviewed)).toMatchObject({ status: "UNREVIEWED", exportable: false, blockedReason: "Sin revisar: marcalo como revisado o usá «exportar igual»." });
    expect(review(docs.flagged)).toMatchObject({ status: "NEEDS_REVIEW", exportable: false });
    expect(review(docs.copy)).toMatchObject({ exportable: false, blockedReason: "Posible duplicado de FACTURA_A 00002-00000077 (f1.pdf): descartá uno o marcá «no es duplicado»." });
    expect(review(docs.original)).toMatchObject({ exportable: false, blockedReason: expect.stringMatching(/^Posible duplicado de /) as unknown });
    expect(review(docs.discarded)).toMatchObject({ exportable: false, blockedReason: "Descartado: los documentos descartados no se exportan." });

    const rest = (await api(server.url, "/api/v1/documents?exportable=false&limit=100", token)).body as Listed;
    expect(rest.data.map((d) => d.id).sort()).toEqual([docs.unreviewed, docs.flagged, docs.original, docs.copy, docs.discarded].sort());

    const one = await api(server.url, `/api/v1/documents/${docs.copy}`, token);
    expect((one.body as { review: Review }).review).toEqual(review(docs.copy));
    const byState = (await api(server.url, "/api/v1/documents?reviewStatus=NEEDS_REVIEW", token)).body as Listed;
    expect(byState.data.map((d) => d.id)).toEqual([docs.flagged]);
  });

  it("resolving the pair makes both halves exportable", async () => {
    await db().document.update({ where: { id: docs.copy }, data: { discardedAt: new Date() } });
    const body = (await api(server.url, "/api/v1/documents?exportable=true&limit=100", token)).body as Listed;
    expect(body.data.map((d) => d.id).sort()).toEqual([docs.reviewed, docs.resolved, docs.original].sort());
    const bad = await api(server.url, "/api/v1/documents?exportable=si", token);
    expect(bad.status).toBe(400);
  });
});
