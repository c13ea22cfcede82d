"use client";
import { ChevronLeft, ChevronRight, MoveHorizontal, ZoomIn, ZoomOut } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { OcrPageWords, PageBox } from "@/lib/documents/positions";
import { loadPdfJs, type PDFDocumentProxy } from "./pdfjs";
import { useFieldLocation, type ViewerTarget } from "./use-field-location";
import { useFitToWindow } from "./use-fit-to-window";
import { Button } from "@/components/ui/button";

export type { ViewerTarget } from "./use-field-location";

/** Zoom steps, relative to the page fitted to the viewer's width (1). */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
/** Canvas backing store cap (pixels): sharp on HiDPI screens without 100 MB bitmaps at 300 %. */
const MAX_CANVAS_PIXELS = 16_000_000;
const PAD = 8;

/**
 * The document beside its fields: PDF pages rendered with pdf.js (or the image) fitted to the width,
 * zoom, page navigation, and a box on the value of the focused field. Few, labelled controls; it comes
 * after the form in tab order (the parent puts it there).
 */
export function DocumentViewer({
  fileUrl,
  mimeType,
  fileName,
  target,
  qrBox,
  ocrWords,
}: {
  fileUrl: string;
  mimeType: string;
  fileName: string;
  target: ViewerTarget | null;
  qrBox: PageBox | null;
  /** OCR word boxes from the parse report (images, scans): stable reference (memoised by the caller). */
  ocrWords: OcrPageWords[];
}) {
  const t = useTranslations("documents.viewer");
  const isPdf = mimeType === "application/pdf";
  const section = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [numPages, setNumPages] = useState(isPdf ? 0 : 1);
  const [pageNo, setPageNo] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [fitWidth, setFitWidth] = useState(0);
  /** height / width of the page shown */
  const [ratio, setRatio] = useState<number | null>(null);
  const [rendered, setRendered] = useState<{ page: number; width: number } | null>(null);
  const [failed, setFailed] = useState(false);

  // Fit width = the scroll area's inner width (scrollbar-gutter is reserved, so a scrollbar never changes it).
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setFitWidth(Math.max(120, Math.floor(el.clientWidth - PAD * 2)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (!isPdf) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    loadPdfJs()
      .then((pdfjs) => {
        const task = pdfjs.getDocument({ url: fileUrl, isEvalSupported: false, enableXfa: false });
        destroy = () => void task.destroy();
        return task.promise;
      })
      .then((d) => {
        if (cancelled) return;
        setDoc(d);
        setNumPages(d.numPages);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [fileUrl, isPdf]);

  const cssWidth = Math.round(fitWidth * zoom);

  useEffect(() => {
    if (!doc || !fitWidth || !canvas.current) return;
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<void> } | null = null;
    (async () => {
      const page = await doc.getPage(pageNo);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      setRatio(base.height / base.width);
      const scale = cssWidth / base.width;
      const dpr = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssWidth * (base.height / base.width))));
      const viewport = page.getViewport({ scale: scale * Math.max(1, dpr) });
      const el = canvas.current!;
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      task = page.render({ canvas: el, viewport });
      await task.promise;
      if (!cancelled) setRendered({ page: pageNo, width: cssWidth });
    })().catch((err: unknown) => {
      if (!cancelled && (err as { name?: string })?.name !== "RenderingCancelledException") setFailed(true);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNo, cssWidth, fitWidth]);

  useFitToWindow(section);
  const found = useFieldLocation(isPdf ? (doc ?? (failed ? null : undefined)) : null, target, qrBox, ocrWords, setPageNo);

  const shownWidth = isPdf ? rendered?.width : cssWidth;
  const onPage = (b: PageBox | null | undefined) => (b && b.page === pageNo && (!isPdf || rendered?.page === pageNo) ? b : null);
  const valueBox = onPage(found?.value);
  const qrShown = onPage(found?.qr);
  const box = valueBox ?? qrShown;

  // Bring the box into view once its page is drawn at the current size.
  useEffect(() => {
    const el = scroller.current;
    if (!box || !el || !shownWidth || !ratio) return;
    const height = shownWidth * ratio;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.scrollTo({
      top: Math.max(0, PAD + box.y0 * height - el.clientHeight / 3),
      left: Math.max(0, PAD + box.x0 * shownWidth - el.clientWidth / 4),
      behavior: smooth ? "smooth" : "auto",
    });
  }, [box, shownWidth, ratio]);

  const status = !found
    ? ""
    : found.empty
      ? t("noValue", { field: found.target.label })
      : found.value && found.qr
        ? t("foundQrAndValue", { field: found.target.label, page: found.value.page })
        : found.value || found.qr
          ? t(found.qr ? "foundQr" : "found", { field: found.target.label, page: (found.value ?? found.qr)!.page })
          : t("notFound");
  const zoomIndex = ZOOMS.indexOf(zoom);
  const go = (p: number) => setPageNo(Math.min(Math.max(1, p), numPages || 1));

  return (
    <section ref={section} aria-label={t("label", { fileName })} className="flex min-h-[28rem] flex-col overflow-hidden rounded-xl border border-slate-200 bg-slate-100 lg:sticky lg:top-4 lg:h-[calc(100vh-2rem)]">
      <div className="flex flex-wrap items-center gap-x-2 border-b border-slate-200 bg-white px-2 py-1.5 text-sm">
        <div role="toolbar" aria-label={t("toolbar")} className="flex items-center gap-1">
          <ToolButton label={t("prev")} disabled={pageNo <= 1} onClick={() => go(pageNo - 1)}>
            <ChevronLeft aria-hidden className="h-4 w-4" />
          </ToolButton>
          <span className="min-w-[7.5rem] text-center tabular-nums text-slate-700" data-testid="viewer-page">
            {numPages ? t("pageOf", { page: pageNo, count: numPages }) : t("loading")}
          </span>
          <ToolButton label={t("next")} disabled={pageNo >= numPages} onClick={() => go(pageNo + 1)}>
            <ChevronRight aria-hidden className="h-4 w-4" />
          </ToolButton>
          <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />
          <ToolButton label={t("zoomOut")} disabled={zoomIndex <= 0} onClick={() => setZoom(ZOOMS[zoomIndex - 1] ?? zoom)}>
            <ZoomOut aria-hidden className="h-4 w-4" />
          </ToolButton>
          <span className="w-12 text-center tabular-nums text-slate-700" data-testid="viewer-zoom">
            {Math.round(zoom * 100)} %
          </span>
          <ToolButton label={t("zoomIn")} disabled={zoomIndex >= ZOOMS.length - 1} onClick={() => setZoom(ZOOMS[zoomIndex + 1] ?? zoom)}>
            <ZoomIn aria-hidden className="h-4 w-4" />
          </ToolButton>
          <ToolButton label={t("fit")} disabled={zoom === 1} onClick={() => setZoom(1)}>
            <MoveHorizontal aria-hidden className="h-4 w-4" />
          </ToolButton>
        </div>
        <p role="status" className={cn("ml-auto max-w-full truncate px-1 text-xs", found && !found.value && !found.qr ? "text-slate-500" : "text-amber-800")}>
          {status}
        </p>
      </div>
      <div
        ref={scroller}
        role="region"
        tabIndex={0}
        data-testid="viewer-scroll"
        aria-label={t("pageRegion", { page: pageNo, count: numPages || 1 })}
        className="relative min-h-0 flex-1 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-600"
        style={{ padding: PAD, scrollbarGutter: "stable" }}
      >
        {failed ? (
          <p role="alert" className="m-4 rounded-md bg-white p-4 text-sm text-red-800">
            {t("failed")}
          </p>
        ) : (
          <div className="relative mx-auto bg-white shadow-sm" style={{ width: shownWidth ?? cssWidth, height: ratio && (shownWidth ?? cssWidth) ? (shownWidth ?? cssWidth) * ratio : undefined }}>
            {isPdf ? (
              <canvas ref={canvas} role="img" aria-label={t("pageImage", { page: pageNo, fileName })} className="block h-full w-full" data-testid="viewer-canvas" />
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- an authenticated, per-tenant file: no image optimizer
              <img
                src={fileUrl}
                alt={t("imageOf", { fileName })}
                className="block h-auto w-full"
                data-testid="viewer-image"
                onLoad={(e) => setRatio(e.currentTarget.naturalHeight / Math.max(1, e.currentTarget.naturalWidth))}
                onError={() => setFailed(true)}
              />
            )}
            {qrShown && <Highlight box={qrShown} field={found?.target.field} testId="viewer-highlight-qr" className="border-dashed border-sky-600 bg-sky-300/15" />}
            {valueBox && <Highlight box={valueBox} field={found?.target.field} testId="viewer-highlight" className="border-amber-500 bg-amber-300/25 shadow-[0_0_0_4px_rgba(251,191,36,0.35)]" />}
          </div>
        )}
      </div>
    </section>
  );
}

function Highlight({ box, field, testId, className }: { box: PageBox; field?: string; testId: string; className: string }) {
  return (
    <div
      aria-hidden
      data-testid={testId}
      data-field={field}
      className={cn("pointer-events-none absolute rounded-sm border-2", className)}
      style={{ left: `calc(${box.x0 * 100}% - 3px)`, top: `calc(${box.y0 * 100}% - 3px)`, width: `calc(${(box.x1 - box.x0) * 100}% + 6px)`, height: `calc(${(box.y1 - box.y0) * 100}% + 6px)` }}
    />
  );
}

function ToolButton({ label, disabled, onClick, children }: { label: string; disabled?: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <Button unstyled type="button" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="rounded p-1.5 text-slate-700 hover:bg-slate-100 disabled:opacity-40 disabled:hover:bg-transparent">
      {children}
    </Button>
  );
}
