"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, CheckCircle2, FileUp, Link2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { ACCEPT_ATTRIBUTE } from "@/lib/schemas/documents";
import { useTRPC } from "@/trpc/client";
import { useFormat } from "@/components/format/use-format";
import { keepInView, type TrayState } from "./tray-items";
import { Button } from "@/components/ui/button";

type Item = {
  key: string;
  name: string;
  size: number;
  state: TrayState;
  progress: number;
  message?: string;
  documentId?: string;
};

type UploadResult = { document?: { id: string }; duplicate?: boolean; error?: { message: string } };

const PARALLEL = 3;
/** One XHR per file: the browser reports upload progress per file; `offline` is the message when the server is unreachable. */
function send(file: File, tenantId: string, offline: string, onProgress: (fraction: number) => void): Promise<{ status: number; body: UploadResult }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents/upload");
    xhr.setRequestHeader("x-tenant-id", tenantId);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve({ status: xhr.status, body: (xhr.response ?? {}) as UploadResult });
    xhr.onerror = () => resolve({ status: 0, body: { error: { message: offline } } });
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

/** Drag and drop (or choose) many invoices; each shows its own progress and result. */
export function UploadDropzone({ tenantId, maxMb }: { tenantId: string; maxMb: number }) {
  const t = useTranslations("documents");
  const { bytes: formatBytes } = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const queue = useRef<{ key: string; file: File }[]>([]);
  const active = useRef(0);

  const patch = useCallback((key: string, change: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i))), []);

  /** One of PARALLEL workers: uploads queued files one after another until the queue is empty. */
  const work = useCallback(async () => {
    while (queue.current.length > 0) {
      const { key, file } = queue.current.shift()!;
      patch(key, { state: "uploading", progress: 0 });
      const { status, body } = await send(file, tenantId, t("upload.offline"), (p) => patch(key, { progress: p }));
      if (status === 201 && body.document) patch(key, { state: "done", progress: 1, documentId: body.document.id, message: t("upload.processing") });
      else if (status === 200 && body.duplicate && body.document) patch(key, { state: "duplicate", progress: 1, documentId: body.document.id, message: t("upload.duplicate") });
      else patch(key, { state: "error", message: body.error?.message ?? t("upload.serverStatus", { status }) });
      void queryClient.invalidateQueries({ queryKey: trpc.documents.list.queryKey() });
    }
    active.current--;
  }, [patch, queryClient, t, tenantId, trpc]);

  const add = useCallback(
    (files: FileList | File[]) => {
      const list = Array.from(files);
      if (list.length === 0) return;
      const added: Item[] = [];
      for (const file of list) {
        const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
        if (file.size > maxMb * 1024 * 1024) {
          added.push({ key, name: file.name, size: file.size, state: "error", progress: 0, message: t("upload.tooBig", { size: formatBytes(file.size), maxMb }) });
          continue;
        }
        added.push({ key, name: file.name, size: file.size, state: "queued", progress: 0 });
        queue.current.push({ key, file });
      }
      setItems((all) => keepInView([...added, ...all]));
      while (active.current < PARALLEL && queue.current.length > 0) {
        active.current++;
        void work();
      }
    },
    [formatBytes, maxMb, t, work],
  );

  // Uploaded files are followed until their parse ends, so the tray never keeps saying "se está procesando".
  const uploaded = items.filter((i) => i.state === "done" && i.documentId).map((i) => i.documentId!);
  const states = useQuery({
    ...trpc.documents.states.queryOptions({ ids: uploaded.slice(0, 200) }),
    enabled: uploaded.length > 0,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === "PENDING" || d.status === "PROCESSING") || (q.state.data?.length ?? 0) < uploaded.length ? 1500 : false),
  });
  const stateOf = new Map((states.data ?? []).map((d) => [d.id, d]));
  const settled = (states.data ?? []).filter((d) => d.status === "COMPLETED" || d.status === "FAILED").length;
  useEffect(() => {
    // A parse ended: the list and the "Para revisar" count change.
    if (settled === 0) return;
    void queryClient.invalidateQueries({ queryKey: trpc.documents.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.documents.toReviewCount.queryKey() });
  }, [settled, queryClient, trpc]);
  const doneMessage = (i: Item) => {
    const s = i.state === "done" && i.documentId ? stateOf.get(i.documentId) : undefined;
    if (!s || s.status === "PENDING" || s.status === "PROCESSING") return i.message;
    if (s.status === "FAILED") return t("upload.failed", { error: s.error ?? "" });
    return s.reviewStatus === "NEEDS_REVIEW" ? t("upload.processedReview") : t("upload.processed");
  };

  const busy = items.some((i) => i.state === "queued" || i.state === "uploading");
  const summary = t("upload.summary", { done: items.filter((i) => i.state === "done" || i.state === "duplicate").length, total: items.length });

  return (
    <section aria-labelledby="subir-titulo" className="flex flex-col gap-3">
      <h2 id="subir-titulo" className="sr-only">
        {t("upload.title")}
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          add(e.dataTransfer.files);
        }}
        className={cn(
          "flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-4 py-8 text-center transition-colors",
          over ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white",
        )}
      >
        <FileUp aria-hidden className="h-8 w-8 text-brand-600" />
        <p className="text-sm font-medium text-slate-800">{t("upload.dropHere")}</p>
        <Button type="button" onClick={() => input.current?.click()}>
          {t("upload.choose")}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="sr-only"
          aria-label={t("upload.chooseLabel")}
          data-testid="upload-input"
          onChange={(e) => {
            if (e.target.files) add(e.target.files);
            e.target.value = "";
          }}
        />
        <p className="text-xs text-slate-500">{t("upload.limit", { maxMb })}</p>
      </div>

      {items.length > 0 && (
        <div className="rounded-xl border border-slate-200 bg-white">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-sm">
            <span aria-live="polite">{busy ? t("upload.uploading", { summary }) : summary}</span>
            {!busy && (
              <Button unstyled type="button" className="text-xs text-slate-600 hover:underline" onClick={() => setItems([])}>
                {t("upload.clear")}
              </Button>
            )}
          </div>
          <ul aria-label={t("upload.files")} className="max-h-72 divide-y divide-slate-100 overflow-y-auto">
            {items.map((i) => (
              <li key={i.key} className="flex flex-col gap-1 px-4 py-2 text-sm sm:flex-row sm:items-center sm:gap-3" data-state={i.state}>
                <span className="flex min-w-0 flex-1 items-center gap-2">
                  {i.state === "error" ? (
                    <AlertCircle aria-hidden className="h-4 w-4 shrink-0 text-red-600" />
                  ) : i.state === "done" || i.state === "duplicate" ? (
                    <CheckCircle2 aria-hidden className="h-4 w-4 shrink-0 text-green-600" />
                  ) : (
                    <FileUp aria-hidden className="h-4 w-4 shrink-0 text-slate-400" />
                  )}
                  <span className="truncate font-medium" title={i.name}>
                    {i.name}
                  </span>
                  <span className="shrink-0 text-xs text-slate-500">{formatBytes(i.size)}</span>
                </span>
                {(i.state === "queued" || i.state === "uploading") && (
                  <span className="flex items-center gap-2 sm:w-56">
                    <progress className="h-2 w-full accent-brand-600" max={100} value={Math.round(i.progress * 100)} aria-label={t("upload.progress", { name: i.name })} />
                    <span className="w-10 text-right text-xs tabular-nums text-slate-600">{i.state === "queued" ? "—" : `${Math.round(i.progress * 100)}%`}</span>
                  </span>
                )}
                {i.state === "error" && (
                  <span role="alert" className="text-xs text-red-700 sm:max-w-md">
                    {i.message}
                  </span>
                )}
                {(i.state === "done" || i.state === "duplicate") && i.documentId && (
                  <span className="flex items-center gap-2 text-xs text-slate-600" aria-live="polite" data-testid="upload-state">
                    {doneMessage(i)}
                    <Link href={`/parse/${i.documentId}`} className="inline-flex items-center gap-1 text-brand-700 hover:underline">
                      <Link2 aria-hidden className="h-3 w-3" />
                      {t("upload.view")}
                    </Link>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
