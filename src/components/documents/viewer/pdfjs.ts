/**
 * pdf.js in the browser, loaded on first use (it is large) with its worker from the app bundle.
 * The legacy build: it runs on the older Safari/Chromium versions accountants' machines still have.
 */
import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import("pdfjs-dist/legacy/build/pdf.mjs").then((pdfjs) => {
    if (!pdfjs.GlobalWorkerOptions.workerPort) {
      pdfjs.GlobalWorkerOptions.workerPort = new Worker(new URL("./pdf.worker.ts", import.meta.url), { type: "module", name: "pdfjs" });
    }
    return pdfjs;
  });
  loading.catch(() => (loading = null));
  return loading;
}

export type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
