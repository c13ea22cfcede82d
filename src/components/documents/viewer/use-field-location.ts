"use client";
import { useEffect, useState } from "react";
import type { FieldSource, InvoiceFieldName } from "@/lib/documents/fields";
import type { OcrPageWords, PageBox } from "@/lib/documents/positions";
import { locateInOcrWords, locateValue, textItemsOf, type TextItemLike } from "./locate";
import type { PDFDocumentProxy } from "./pdfjs";

/** The field whose value the viewer should point at (the one with focus in the form). */
export type ViewerTarget = { field: InvoiceFieldName; label: string; value: unknown; source: FieldSource | null };
/** `value`: where the value is printed; `qr`: the QR symbol, for fields read from it; `empty`: nothing to look for. */
export type FieldLocation = { target: ViewerTarget; value: PageBox | null; qr: PageBox | null; empty?: boolean };

/** Pages whose text is searched for a value (invoices are 1–3 pages; a 300-page file must not stall). */
const LOCATE_PAGES = 10;

/** Text content per document and page, read once. */
const texts = new WeakMap<PDFDocumentProxy, Map<number, Promise<TextItemLike[]>>>();

function pageText(doc: PDFDocumentProxy, p: number): Promise<TextItemLike[]> {
  let pages = texts.get(doc);
  if (!pages) texts.set(doc, (pages = new Map()));
  let text = pages.get(p);
  if (text === undefined) {
    text = doc
      .getPage(p)
      .then((page) => page.getTextContent())
      .then((c) => textItemsOf(c.items));
    pages.set(p, text);
  }
  return text;
}

/** Where the value is printed: the text layer (PDF) → a box normalised to the page as displayed. */
async function printedAt(doc: PDFDocumentProxy, target: ViewerTarget): Promise<PageBox | null> {
  const pages = await Promise.all(Array.from({ length: Math.min(doc.numPages, LOCATE_PAGES) }, (_, i) => pageText(doc, i + 1)));
  const hit = locateValue(target.field, target.value, pages);
  if (!hit) return null;
  const viewport = (await doc.getPage(hit.page)).getViewport({ scale: 1 });
  const [ax, ay, bx, by] = viewport.convertToViewportRectangle(hit.rect);
  return { page: hit.page, x0: Math.min(ax, bx) / viewport.width, x1: Math.max(ax, bx) / viewport.width, y0: Math.min(ay, by) / viewport.height, y1: Math.max(ay, by) / viewport.height };
}

/**
 * The focused field's location: where its value is printed and, for QR-read fields, the QR symbol
 * (`qrBox`, from the parse report). `doc`: the PDF (undefined while it loads; null: an image, no text
 * layer). Without a text-layer match, the value is searched in the OCR words of the parse report. Calls `showPage` with the page to bring up. A lookup still running for an earlier field is ignored.
 */
export function useFieldLocation(doc: PDFDocumentProxy | null | undefined, target: ViewerTarget | null, qrBox: PageBox | null, ocrWords: OcrPageWords[], showPage: (page: number) => void): FieldLocation | null {
  const [located, setLocated] = useState<FieldLocation | null>(null);
  useEffect(() => {
    if (!target || doc === undefined) return;
    let cancelled = false;
    const qr = target.source === "QR" ? qrBox : null;
    const empty = target.value == null || target.value === "";
    (empty ? Promise.resolve(null) : doc ? printedAt(doc, target) : Promise.resolve(null))
      .catch(() => null)
      .then((value) => value ?? (empty || ocrWords.length === 0 ? null : locateInOcrWords(target.field, target.value, ocrWords)))
      .then((value) => {
        if (cancelled) return;
        setLocated(empty ? { target, value: null, qr: null, empty } : { target, value, qr });
        const page = (value ?? (empty ? null : qr))?.page;
        if (page) showPage(page);
      });
    return () => {
      cancelled = true;
    };
  }, [target, doc, qrBox, ocrWords, showPage]);
  return target && located?.target === target ? located : null;
}
