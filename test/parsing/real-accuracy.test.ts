/**
 * The app's parse (same stages and decisions as the Inngest function, AI off) against the
 * hand-verified ground truth of real invoices in test/fixtures/real. A wrong value must never be
 * silent (not flagged and the document not in review), and accuracy must not regress below the
 * floor reached (bench/accuracy prints the detail).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { parseLikeApp } from "@/server/parsing/app-parse";
import { requiredFields } from "@/server/parsing/decisions";
import { formatSummary, loadRealTruth, scoreDoc, summarize, type DocScore } from "~/test/corpus/accuracy";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

/** Floors reached on this set (raise them when the parser improves; never lower them). */
const FLOOR = { accuracyPct: 99.2, fullyRight: 45 }; // 20 fields since the tax breakdown (issue 15)

describe("real invoices with ground truth", () => {
  it("0 silent wrong values, every required field right or the document in review, accuracy above the floor", async () => {
    const scores: DocScore[] = [];
    const truths = loadRealTruth().map((t) => t.truth);
    for (const { file, truth } of loadRealTruth()) {
      const r = await parseLikeApp(new Uint8Array(readFileSync(file)), path.basename(file));
      scores.push(scoreDoc(file, truth, r.ok ? r : null));
    }
    const summary = summarize(scores);
    const report = `${formatSummary("real", summary)}\n${scores
      .filter((s) => s.silentWrong.length || s.silentMissing.length)
      .map((s) => `${path.basename(s.file)}: ${s.details.join("; ")}`)
      .join("\n")}`;
    expect(summary.docs).toBeGreaterThanOrEqual(40);
    const requiredWrong = scores.flatMap((s, k) => (s.inReview ? [] : requiredFields(truths[k]!.tipoCodigo).filter((f) => !(s.right as string[]).includes(f)).map((f) => `${path.basename(s.file)}: ${f}`)));
    expect(requiredWrong, report).toEqual([]);
    expect(summary.silentWrong, report).toBe(0);
    expect(summary.accuracy, report).toBeGreaterThanOrEqual(FLOOR.accuracyPct);
    expect(summary.fullyRight, report).toBeGreaterThanOrEqual(FLOOR.fullyRight);
  }, 300_000);
});
