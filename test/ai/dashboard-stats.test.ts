/**
 * Dashboard activity from real rows: documents (and how many were read without problems), the
 * review to-do, exported / failed DOCUMENTS (not HTTP calls), sync runs, suggestions, usage vs plan.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { lastDays } from "@/server/stats/activity-stats";
import { callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { createProcessedDocument } from "./support/documents";

describe("stats.activity", () => {
  it("an empty tenant gets zero-filled days and zero totals", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner)).id;
    const stats = await callerFor(owner, tenantId).stats.activity();
    expect(stats.days).toHaveLength(14);
    expect(stats.documents.daily).toHaveLength(14);
    expect(stats.documents.total).toBe(0);
    expect(stats.exports).toMatchObject({ total: 0, totals: { success: 0, failed: 0 } });
    expect(stats.review).toEqual({ needsReview: 0, unreviewed: 0, reviewed: 0, toReview: 0 });
    expect(stats.documents.cleanRate).toBeNull();
    expect(stats.syncs.total).toBe(0);
    expect(stats.plan.usage.find((u) => u.key === "documentsPerMonth")).toMatchObject({ used: 0 });
  });

  it("counts per day by outcome, only the tenant's own rows", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner)).id;
    const other = (await createTenantWith(await createUser())).id;
    const today = lastDays(1)[0]!;
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    const d1 = await createProcessedDocument(tenantId, { reviewStatus: "REVIEWED" });
    const d2 = await createProcessedDocument(tenantId, { reviewStatus: "NEEDS_REVIEW" });
    await createProcessedDocument(tenantId, { reviewStatus: "UNREVIEWED", createdAt: new Date(Date.now() - 30 * 86_400_000) });
    await createProcessedDocument(tenantId, { reviewStatus: "NEEDS_REVIEW", discardedAt: new Date(), createdAt: new Date(Date.now() - 30 * 86_400_000) });
    await createProcessedDocument(tenantId, { status: "FAILED", error: "PDF dañado", createdAt: threeDaysAgo });
    await createProcessedDocument(tenantId, { status: "PROCESSING" });
    await createProcessedDocument(other);
    const connector = await createConnectorRow(tenantId);
    const log = (status: "SUCCESS" | "FAILED" | "SKIPPED") => ({ tenantId, connectorId: connector.id, documentId: d1.id, status, method: "POST", url: "https://erp.example.com/api/facturas" });
    await db().connectorExportLog.createMany({ data: [log("SUCCESS"), log("SUCCESS"), log("SUCCESS"), log("FAILED"), log("SKIPPED")] });
    // Documents, not calls: d1 exported in two runs (once after failing), d2 failed twice and never exported.
    const run = (status: "FAILED" | "PARTIAL") => db().exportRun.create({ data: { tenantId, connectorId: connector.id, status } });
    const [r1, r2] = [await run("PARTIAL"), await run("FAILED")];
    const at = (msAgo: number) => new Date(Date.now() - msAgo);
    await db().exportRunItem.createMany({
      data: [
        { tenantId, runId: r1.id, documentId: d1.id, status: "FAILED", finishedAt: at(60_000) },
        { tenantId, runId: r2.id, documentId: d1.id, status: "SUCCESS", finishedAt: at(30_000) },
        { tenantId, runId: r1.id, documentId: d2.id, status: "FAILED", finishedAt: at(60_000) },
        { tenantId, runId: r2.id, documentId: d2.id, status: "FAILED", finishedAt: at(30_000) },
      ],
    });
    await db().syncRun.createMany({
      data: [
        { tenantId, connectorId: connector.id, status: "SUCCESS", imported: 10 },
        { tenantId, connectorId: connector.id, status: "PARTIAL", imported: 4, staged: 2 },
        { tenantId, connectorId: connector.id, status: "FAILED" },
      ],
    });
    await db().documentSuggestion.createMany({
      data: [
        { tenantId, documentId: d1.id, kind: "ACCOUNT", code: "5.1.03", label: "Honorarios", source: "AI", status: "ACCEPTED", documentVersion: 1 },
        { tenantId, documentId: d1.id, kind: "ANOMALY", code: "DUPLICATE", label: "Duplicado", source: "RULE", status: "REJECTED", documentVersion: 1 },
        { tenantId, documentId: d1.id, kind: "CATEGORY", code: "servicios", label: "Servicios", source: "AI", documentVersion: 1 },
      ],
    });

    const stats = await callerFor(owner, tenantId).stats.activity();
    expect(stats.documents.totals).toEqual({ processed: 2, failed: 1, inProgress: 1 });
    expect(stats.documents.daily.find((d) => d.day === today)).toEqual({ day: today, processed: 2, failed: 0, inProgress: 1 });
    expect(stats.documents.daily.find((d) => d.day === lastDays(4)[0])).toMatchObject({ failed: 1 });
    expect(stats.exports).toMatchObject({ total: 2, totals: { success: 1, failed: 1 } });
    expect(stats.exports.daily.find((d) => d.day === today)).toMatchObject({ success: 1, failed: 2 });
    // The to-do is live (not windowed) and leaves discarded documents out; one of the three finished in the window had problems.
    expect(stats.review).toEqual({ needsReview: 1, unreviewed: 1, reviewed: 1, toReview: 2 });
    expect(stats.documents.cleanRate).toBeCloseTo(1 / 3);
    expect(stats.syncs.totals).toEqual({ success: 1, partial: 1, failed: 1, imported: 14 });
    expect(stats.suggestions).toEqual({ PENDING: 1, ACCEPTED: 1, REJECTED: 1 });
    expect(stats.plan.usage.find((u) => u.key === "documentsPerMonth")?.used).toBeGreaterThanOrEqual(3);
    expect(stats.plan.usage.find((u) => u.key === "connectors")).toMatchObject({ used: 1 });
  });
});
