/**
 * Inspect + QR + text layer of one file with ONE document load: the app's first parse step.
 * The three stages keep their own outcomes (a QR search that fails leaves the text, and the
 * reverse), as when each opened the file in its own worker call; only a file that cannot be
 * opened, is too long, or kills the worker fails the whole read (as inspect did).
 */
import "server-only";
import { isParseFailure, ParseFailure } from "./failure";
import { checkPageCount, inspectFile, sniffFile, type FileKind } from "./inspect";
import { PARSE_LIMITS } from "./limits";
import { extractQr, qrStage, type QrWorkerResult } from "./qr";
import type { StageResult } from "./stage";
import { extractText, textStage } from "./text";
import { runInWorker, WORKER_CRASHED } from "./worker-pool";

export type ReadPhase = { result: StageResult | null; ms: number; error: ParseFailure | null; skipped?: boolean };
export type DocumentRead = { kind: FileKind; mimeType: string; pageCount: number; inspectMs: number; qr: ReadPhase; text: ReadPhase };

type WorkerError = { reason: string; message: string };
type Analysis = { pageCount: number; pages: string[][]; chars: number; qr: QrWorkerResult | null; textMs?: number; qrMs?: number; textError?: WorkerError; qrError?: WorkerError };

/** The library deadlines of the three calls this one replaces. */
const READ_TIMEOUT_MS = PARSE_LIMITS.timeouts.inspect + PARSE_LIMITS.timeouts.text + PARSE_LIMITS.timeouts.qr;

const round = (ms: number) => Math.round(ms * 10) / 10;
const failure = (e?: WorkerError) => (e ? new ParseFailure(e.reason, e.message) : null);

async function phase(fn: () => Promise<StageResult | null>): Promise<ReadPhase> {
  const t0 = performance.now();
  try {
    return { result: await fn(), ms: round(performance.now() - t0), error: null };
  } catch (err) {
    const error = isParseFailure(err) ? err : new ParseFailure("CORRUPT", err instanceof Error ? err.message : String(err));
    return { result: null, ms: round(performance.now() - t0), error };
  }
}

/** The stages one call each (three loads): only after a worker crash, to tell which stage it was. */
async function readSeparately(bytes: Uint8Array, fileName: string): Promise<DocumentRead> {
  const t0 = performance.now();
  const info = await inspectFile(bytes, fileName);
  const inspectMs = round(performance.now() - t0);
  const qr = await phase(() => extractQr(bytes, info.kind));
  const text = await phase(() => extractText(bytes, info.kind));
  return { ...info, inspectMs, qr, text };
}

/** Throws ParseFailure when the file itself fails inspection (type, size, pages, unreadable PDF). */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<DocumentRead> {
  const t0 = performance.now();
  const sniffed = sniffFile(bytes, fileName);
  if (sniffed.kind === "image") {
    const inspectMs = round(performance.now() - t0);
    return { ...sniffed, pageCount: 1, inspectMs, qr: await phase(() => extractQr(bytes, "image")), text: { result: null, ms: 0, error: null } };
  }
  let a: Analysis;
  try {
    a = await runInWorker<Analysis>("analyze", { bytes, maxPages: PARSE_LIMITS.scanPages, pageLimit: PARSE_LIMITS.maxPages, soft: true }, READ_TIMEOUT_MS);
  } catch (err) {
    if (isParseFailure(err) && err.message === WORKER_CRASHED) return readSeparately(bytes, fileName);
    throw err;
  }
  checkPageCount(a.pageCount);
  const total = performance.now() - t0;
  const t1 = performance.now();
  const textResult = a.textError ? null : textStage(a.pages, a.chars);
  const textMs = round((a.textMs ?? 0) + performance.now() - t1);
  const t2 = performance.now();
  const qrResult = a.qr ? qrStage(a.qr) : null;
  const qrMs = round((a.qrMs ?? 0) + performance.now() - t2);
  const qrSkipped = !a.qr && !a.qrError;
  return {
    ...sniffed,
    pageCount: a.pageCount,
    inspectMs: round(Math.max(0, total - (a.textMs ?? 0) - (a.qrMs ?? 0))),
    text: { result: textResult, ms: textMs, error: failure(a.textError) },
    qr: { result: qrResult, ms: qrMs, error: failure(a.qrError), ...(qrSkipped ? { skipped: true } : {}) },
  };
}
