"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Download, History, Plus, RefreshCw, Trash2, X } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/format/use-format";
import { useServerText } from "@/components/format/use-server-text";
import { useMemo, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Described, describedBy } from "@/components/ui/form-fields";
import { INVOICE_FIELD_NAMES, type FieldMeta, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import { ocrWordsOf, pageBoxOf } from "@/lib/documents/positions";
import type { ReviewReason } from "@/lib/documents/review";
import type { DocumentDetail } from "@/server/documents/get-document";
import { ALL_COMPROBANTES } from "@/server/parsing/comprobantes";
import { useTRPC } from "@/trpc/client";
import { StatusBadge } from "./documents-list";
import { IibbEditor } from "./iibb-editor";
import { editedFields, fromFormValues, toFormValues, type FormValues, type Translate } from "./field-values";
import { fromSearchParams, toListInput } from "./list-query";
import { reasonDetail } from "./review-labels";
import { ReviewReasons } from "./review-reasons";
import { SHORTCUT_KEYS, useReviewShortcuts } from "./use-review-shortcuts";
import { DocumentViewer, type ViewerTarget } from "./viewer/document-viewer";

const COMPROBANTES = [...ALL_COMPROBANTES].sort((a, b) => a.code - b.code);

function fieldsOf(d: DocumentDetail): InvoiceFields {
  return Object.fromEntries(INVOICE_FIELD_NAMES.map((k) => [k, d[k]])) as InvoiceFields;
}

/** The document page: file preview beside the extracted fields, corrections, history, reprocess, delete. */
export function DocumentReview({ id, tenantId, canWrite, back }: { id: string; tenantId: string; canWrite: boolean; back: ReactNode }) {
  const t = useTranslations("documents");
  const f = useFormat();
  const tr = useServerText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [focused, setFocused] = useState<{ field: InvoiceFieldName } | null>(null);
  // The list's filters travel in the URL: "Guardar y siguiente" follows that queue.
  const queue = useSearchParams().toString();
  const query = useQuery({
    ...trpc.documents.get.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "PENDING" || q.state.data.status === "PROCESSING") ? 1500 : false),
  });
  // The viewer points at the value of the focused field, as stored now (a save or reprocess updates it).
  const data = query.data;
  const target = useMemo<ViewerTarget | null>(
    () => (focused && data ? { field: focused.field, label: t(`field.${focused.field}`), value: data[focused.field], source: data.fieldMeta[focused.field]?.source ?? null } : null),
    [focused, data, t],
  );
  const ocrWords = useMemo(() => ocrWordsOf(data?.parseReport?.positions?.ocr), [data]);
  const refresh = () => {
    // The document, and what its review changes elsewhere: the list and the "Para revisar" badge.
    void queryClient.invalidateQueries({ queryKey: trpc.documents.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.documents.toReviewCount.queryKey() });
    return queryClient.invalidateQueries({ queryKey: trpc.documents.get.queryKey({ id }) });
  };
  const reprocess = useMutation(trpc.documents.reprocess.mutationOptions({ onSuccess: () => (setNotice(t("review.requeued")), refresh()) }));
  const remove = useMutation(
    trpc.documents.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.documents.list.queryKey() });
        router.push(queue ? `/parse?${queue}` : "/parse");
      },
    }),
  );

  if (query.isPending || query.isError)
    return (
      <div className="flex flex-col gap-3">
        {back}
        {query.isError ? <Alert>{query.error.message}</Alert> : <p className="text-sm text-slate-500">{t("loading")}</p>}
      </div>
    );
  const doc = query.data;
  const processing = doc.status === "PENDING" || doc.status === "PROCESSING";
  const fileUrl = `/api/documents/${doc.id}/file?tenant=${encodeURIComponent(tenantId)}`;
  // The form marks its fields with data-field; a new object per focus, so refocusing brings the box back into view.
  const onFormFocus = (e: React.FocusEvent) => {
    const field = (e.target as HTMLElement).closest<HTMLElement>("[data-field]")?.dataset.field as InvoiceFieldName | undefined;
    setFocused(field && INVOICE_FIELD_NAMES.includes(field) ? { field } : null);
  };

  return (
    // Source order puts the form first for keyboard and screen-reader users (title, then the form);
    // the back link and the document actions come after it and the grid places them above, visually.
    <div className="grid grid-cols-1 gap-x-6 gap-y-3 lg:grid-cols-[minmax(0,1fr)_auto]" data-wide-page>
      <header className="row-start-2 min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold text-slate-900 [overflow-wrap:anywhere]">
            {doc.numeroCompleto ? (
              <>
                {doc.tipo?.replaceAll("_", " ") ?? t("review.voucher")} <span className="whitespace-nowrap">{doc.numeroCompleto}</span>
              </>
            ) : (
              doc.fileName
            )}
          </h1>
          <span aria-live="polite">
            <StatusBadge status={doc.status} reviewStatus={doc.reviewStatus} discarded={doc.discardedAt != null} />
          </span>
        </div>
        <p className="mt-1 text-xs text-slate-600 [overflow-wrap:anywhere]">
          {doc.fileName} · {f.bytes(doc.sizeBytes)}
          {doc.pageCount ? ` · ${t("review.pages", { count: doc.pageCount })}` : ""} · {t("review.uploadedAt", { date: f.dateTime(doc.createdAt) })}
          {doc.uploadedBy ? ` ${t("review.uploadedBy", { name: doc.uploadedBy })}` : ""} · {t("review.version", { version: doc.version })}
        </p>
      </header>
      <div className="row-start-5 flex min-w-0 flex-col gap-6 lg:col-span-2 lg:row-start-4">
        {remove.error && <Alert>{remove.error.message}</Alert>}
        {reprocess.error && <Alert>{reprocess.error.message}</Alert>}
        {notice && <Alert tone="success">{notice}</Alert>}
        {processing && (
          <div role="status" className="flex items-center gap-3 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
            <RefreshCw aria-hidden className="h-4 w-4 animate-spin" />
            {doc.status === "PENDING" ? t("review.queued") : t("review.processing")} {t("review.autoRefresh")}
          </div>
        )}
        {doc.status === "FAILED" && (
          <Alert>
            <strong>{t("review.failed")}</strong> {doc.error && tr(doc.error)}
          </Alert>
        )}

        {/* The form first (tab order, and left on desktop), the document beside it taking most of the width. */}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(20rem,1fr)_minmax(0,2.2fr)]">
          <div className="@container min-w-0" onFocus={onFormFocus}>
            <FieldsForm key={`${doc.id}-${doc.version}-${doc.status}`} doc={doc} canWrite={canWrite && !processing} queue={queue} onSaved={(n) => (setNotice(n), refresh())} />
          </div>
          <DocumentViewer fileUrl={fileUrl} mimeType={doc.mimeType} fileName={doc.fileName} target={target} qrBox={pageBoxOf(doc.parseReport?.positions?.qr)} ocrWords={ocrWords} />
        </div>

        {doc.parseReport && <ParseReportView doc={doc} />}
        <CorrectionsHistory doc={doc} />
      </div>
      <div className="row-start-1 lg:col-span-2">{back}</div>
      <div className="row-start-3 flex flex-wrap items-start gap-2 lg:col-start-2 lg:row-start-2">
        <a href={`${fileUrl}&download=1`} className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
          <Download aria-hidden className="h-4 w-4" />
          {t("review.download")}
        </a>
        {canWrite && (
          <Button variant="secondary" className="px-3 py-1.5" disabled={processing || reprocess.isPending} onClick={() => (setNotice(null), reprocess.mutate({ id: doc.id }))}>
            <RefreshCw aria-hidden className="h-4 w-4" />
            {t("review.reprocess")}
          </Button>
        )}
        {canWrite && !confirmDelete && (
          <Button variant="ghost" className="px-3 py-1.5 text-red-700" onClick={() => setConfirmDelete(true)}>
            <Trash2 aria-hidden className="h-4 w-4" />
            {t("review.delete")}
          </Button>
        )}
      </div>
      {confirmDelete && (
        <div role="alertdialog" aria-labelledby="confirmar-borrado" className="row-start-4 mt-3 flex flex-col gap-3 rounded-lg border border-red-200 bg-red-50 p-4 sm:flex-row sm:items-center lg:col-span-2 lg:row-start-3">
          <p id="confirmar-borrado" className="flex-1 text-sm text-red-900">
            {t("review.confirmDelete")}
          </p>
          <div className="flex gap-2">
            <Button variant="danger" className="px-3 py-1.5" disabled={remove.isPending} onClick={() => remove.mutate({ id: doc.id })}>
              {t("review.confirmDeleteYes")}
            </Button>
            <Button variant="secondary" className="px-3 py-1.5" onClick={() => setConfirmDelete(false)}>
              {t("review.cancel")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

function metaBadge(meta: FieldMeta | undefined, t: Translate) {
  if (!meta) return null;
  return `${t(`source.${meta.source}`)}${meta.source === "USER" ? "" : ` · ${Math.round(meta.confidence * 100)}%`}`;
}

function FieldsForm({ doc, canWrite, queue, onSaved }: { doc: DocumentDetail; canWrite: boolean; queue: string; onSaved: (notice: string) => void }) {
  const t = useTranslations("documents");
  const f = useFormat();
  const tr = useServerText();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const original = fieldsOf(doc);
  const [initial] = useState<FormValues>(() => toFormValues(original));
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<Partial<Record<InvoiceFieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [ack, setAck] = useState(false);
  const correct = useMutation(trpc.documents.correct.mutationOptions());
  const confirm = useMutation(trpc.documents.confirmField.mutationOptions());
  const markReviewed = useMutation(trpc.documents.markReviewed.mutationOptions());
  const [moving, setMoving] = useState(false);
  // Open reasons per field, from the server (validation, confidence, parser flags, duplicates).
  const reasons = new Map<string, ReviewReason[]>();
  for (const r of doc.status === "COMPLETED" ? doc.reviewReasons : []) if (r.field) reasons.set(r.field, [...(reasons.get(r.field) ?? []), r]);
  const set = (k: keyof FormValues, v: string) => setValues((all) => ({ ...all, [k]: v }));
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const warnings = doc.reviewReasons.filter((r) => r.severity === "warning");
  const blocked = doc.reviewReasons.some((r) => r.severity === "error");
  const busy = correct.isPending || markReviewed.isPending || moving;

  const review = (k: InvoiceFieldName) => {
    const open = reasons.get(k);
    return open?.length ? open.map((r) => reasonDetail(r, t, tr)).join(" · ") : null;
  };
  /** Low confidence or a parser flag: a person may say the value is right without retyping it. */
  const confirmable = (k: InvoiceFieldName) => canWrite && original[k] != null && (reasons.get(k) ?? []).some((r) => r.code === "LOW_CONFIDENCE" || r.code === "FLAGGED");
  const confirmField = async (k: InvoiceFieldName) => {
    setFormError(null);
    try {
      await confirm.mutateAsync({ id: doc.id, field: k });
      onSaved(t("queue.confirmed", { field: t(`field.${k}`) }));
    } catch (err) {
      setFormError(err instanceof Error ? err.message : t("form.saveFailed"));
    }
  };

  /** Sends only what the person edited. "nothing" when there is nothing to save, false on a problem. */
  const save = async (): Promise<"saved" | "nothing" | false> => {
    setFormError(null);
    const { fields, errors: found } = fromFormValues(values, t);
    const changed = editedFields(initial, values, fields);
    const relevant = Object.fromEntries(Object.entries(found).filter(([k]) => k in changed || !(k in fields)));
    setErrors(relevant);
    if (Object.keys(relevant).length > 0) {
      setFormError(t("form.checkFields"));
      return false;
    }
    if (Object.keys(changed).length === 0) return "nothing";
    try {
      const result = await correct.mutateAsync({ id: doc.id, version: doc.version, fields: changed });
      onSaved(t("form.saved", { fields: result.changed.map((f) => t(`field.${f}`)).join(", ") }));
      return "saved";
    } catch (err) {
      setFormError(err instanceof Error ? err.message : t("form.saveFailed"));
      return false;
    }
  };
  const submit = async (e?: React.FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if ((await save()) === "nothing") setFormError(t("form.noChanges"));
  };
  const saveAndNext = async () => {
    if (busy || !(await save())) return;
    setMoving(true);
    try {
      const state = fromSearchParams(new URLSearchParams(queue));
      const { page: _page, pageSize: _size, ...filters } = toListInput(state, 1);
      const next = await queryClient.fetchQuery({ ...trpc.documents.nextInQueue.queryOptions({ ...filters, currentId: doc.id }), staleTime: 0 });
      if (next.id) router.push(`/parse/${next.id}${queue ? `?${queue}` : ""}`);
      else {
        setFormError(null);
        onSaved(t("queue.queueDone"));
      }
    } catch (err) {
      setFormError(err instanceof Error ? err.message : t("form.saveFailed"));
    } finally {
      setMoving(false);
    }
  };
  const markAsReviewed = async () => {
    if (busy || doc.status !== "COMPLETED") return;
    if (dirty && !(await save())) return;
    try {
      await markReviewed.mutateAsync({ id: doc.id, acknowledgeWarnings: ack });
      void queryClient.invalidateQueries({ queryKey: trpc.documents.toReviewCount.queryKey() });
      onSaved(t("queue.reviewed"));
    } catch (err) {
      setFormError(err instanceof Error ? err.message : t("form.saveFailed"));
    }
  };
  useReviewShortcuts({ save: () => void submit(), saveNext: () => void saveAndNext(), markReviewed: () => void markAsReviewed() }, canWrite);

  const confirmButton = (k: InvoiceFieldName) =>
    confirmable(k) ? (
      <Button type="button" variant="secondary" className="w-fit px-2 py-0.5 text-xs" disabled={confirm.isPending} aria-label={t("queue.confirmLabel", { field: t(`field.${k}`) })} onClick={() => void confirmField(k)}>
        <Check aria-hidden className="h-3 w-3" />
        {t("queue.confirm")}
      </Button>
    ) : null;

  const Field = ({ k, type = "text", inputMode, placeholder, wide }: { k: Exclude<keyof FormValues, "iva" | "percepcionesIibb">; type?: string; inputMode?: "numeric" | "decimal"; placeholder?: string; wide?: boolean }) => {
    const id = `campo-${k}`;
    const flag = review(k);
    const error = errors[k];
    const hint = [metaBadge(doc.fieldMeta[k], t), flag].filter(Boolean).join(" — ") || undefined;
    return (
      <div className={cn("flex flex-col gap-1 rounded-md p-1", wide && "@lg:col-span-2", flag && !error && "bg-amber-50 ring-1 ring-amber-300")} data-field={k} data-review={flag ? "true" : undefined}>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {t(`field.${k}`)}
        </label>
        <input
          id={id}
          name={k}
          type={type}
          inputMode={inputMode}
          placeholder={placeholder}
          readOnly={!canWrite}
          value={values[k]}
          onChange={(e) => set(k, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          className={cn("rounded-md border bg-white px-3 py-1.5 text-sm shadow-sm focus:border-brand-600 focus:outline-none read-only:bg-slate-50", error ? "border-red-500" : "border-slate-300")}
        />
        <Described id={id} error={error} hint={hint} />
        {confirmButton(k)}
      </div>
    );
  };

  const tipoFlag = review("tipoCodigo");
  const known = COMPROBANTES.some((c) => String(c.code) === values.tipoCodigo);
  return (
    <form onSubmit={submit} aria-label={t("form.label")} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4" noValidate>
      <div className="flex items-center justify-between">
        <h2 className="text-base font-semibold text-slate-900">{t("form.title")}</h2>
        {doc.needsReview && doc.status === "COMPLETED" && <span className="text-xs font-medium text-amber-800">{t("form.highlighted")}</span>}
      </div>
      <ReviewReasons doc={doc} canWrite={canWrite} queue={queue} onChanged={onSaved} />
      <div className="grid grid-cols-1 gap-2 @lg:grid-cols-2">
        <div className={cn("flex flex-col gap-1 rounded-md p-1 @lg:col-span-2", tipoFlag && "bg-amber-50 ring-1 ring-amber-300")} data-field="tipoCodigo" data-review={tipoFlag ? "true" : undefined}>
          <label htmlFor="campo-tipoCodigo" className="text-sm font-medium text-slate-700">
            {t("field.tipoCodigo")}
          </label>
          <select
            id="campo-tipoCodigo"
            disabled={!canWrite}
            value={values.tipoCodigo}
            onChange={(e) => set("tipoCodigo", e.target.value)}
            aria-describedby={describedBy("campo-tipoCodigo", errors.tipoCodigo, tipoFlag ?? metaBadge(doc.fieldMeta.tipoCodigo, t) ?? undefined)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm disabled:bg-slate-50"
          >
            <option value="">{t("form.noType")}</option>
            {!known && values.tipoCodigo && <option value={values.tipoCodigo}>{t("form.otherType", { code: values.tipoCodigo })}</option>}
            {COMPROBANTES.map((c) => (
              <option key={c.code} value={String(c.code)}>
                {String(c.code).padStart(3, "0")} · {c.label}
              </option>
            ))}
          </select>
          <Described id="campo-tipoCodigo" error={errors.tipoCodigo} hint={[metaBadge(doc.fieldMeta.tipoCodigo, t), tipoFlag].filter(Boolean).join(" — ") || undefined} />
          {confirmButton("tipoCodigo")}
        </div>
        {Field({ k: "puntoVenta", inputMode: "numeric" })}
        {Field({ k: "numero", inputMode: "numeric" })}
        {Field({ k: "fecha", type: "date" })}
        {Field({ k: "caeVencimiento", type: "date" })}
        {Field({ k: "proveedorCuit", inputMode: "numeric", placeholder: "30-12345678-9" })}
        {Field({ k: "proveedorRazonSocial" })}
        {Field({ k: "receptorCuit", inputMode: "numeric" })}
        {Field({ k: "receptorNombre" })}
        {Field({ k: "neto", inputMode: "decimal" })}
        {Field({ k: "total", inputMode: "decimal" })}
        {Field({ k: "cae", inputMode: "numeric" })}
        {Field({ k: "moneda", placeholder: "PES" })}
        {Field({ k: "cotizacion", inputMode: "decimal" })}
      </div>
      <IvaEditor values={values} setValues={setValues} canWrite={canWrite} error={errors.iva} meta={metaBadge(doc.fieldMeta.iva, t)} />
      <fieldset className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2" aria-describedby="desglose-ayuda">
        <legend className="px-1 text-sm font-medium text-slate-700">{t("taxes.title")}</legend>
        <p id="desglose-ayuda" className="text-xs text-slate-500 sm:col-span-2">
          {t("taxes.help")}
        </p>
        {Field({ k: "noGravado", inputMode: "decimal" })}
        {Field({ k: "exento", inputMode: "decimal" })}
        {Field({ k: "percepcionesIva", inputMode: "decimal" })}
        {Field({ k: "impuestosInternos", inputMode: "decimal" })}
        {Field({ k: "otrosTributos", inputMode: "decimal" })}
        {Field({ k: "otrosImpuestos", inputMode: "decimal" })}
        <IibbEditor values={values} setValues={setValues} canWrite={canWrite} error={errors.percepcionesIibb} hint={[metaBadge(doc.fieldMeta.percepcionesIibb, t), review("percepcionesIibb")].filter(Boolean).join(" — ") || null} />
      </fieldset>
      {formError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {formError}
        </p>
      )}
      {canWrite && doc.status === "COMPLETED" && !doc.discardedAt && doc.reviewStatus !== "REVIEWED" && (
        <div className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
          {warnings.length > 0 && (
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" className="mt-1" checked={ack} onChange={(e) => setAck(e.target.checked)} />
              {t("queue.ackWarnings", { count: warnings.length })}
            </label>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="button" variant="secondary" aria-keyshortcuts={SHORTCUT_KEYS.markReviewed} disabled={busy || (blocked && !dirty) || (warnings.length > 0 && !ack)} aria-describedby={blocked ? "bloqueo-revision" : undefined} onClick={() => void markAsReviewed()}>
              <Check aria-hidden className="h-4 w-4" />
              {markReviewed.isPending ? t("queue.marking") : t("queue.markReviewed")}
            </Button>
            {blocked && (
              <p id="bloqueo-revision" className="text-xs text-slate-600">
                {t("queue.errorsBlock")}
              </p>
            )}
          </div>
        </div>
      )}
      {doc.reviewStatus === "REVIEWED" && doc.reviewedAt && (
        <p className="flex items-center gap-2 text-sm text-green-800" role="status">
          <Check aria-hidden className="h-4 w-4" />
          {t("queue.reviewedBy", { date: f.dateTime(doc.reviewedAt), name: doc.reviewedBy ?? "—" })}
          {warnings.length > 0 && ` ${t("queue.warningsAcknowledged")}`}
        </p>
      )}
      {canWrite && (
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy} aria-keyshortcuts={SHORTCUT_KEYS.save}>
              {correct.isPending ? t("form.saving") : t("form.save")}
            </Button>
            <Button type="button" disabled={busy} aria-keyshortcuts={SHORTCUT_KEYS.saveNext} onClick={() => void saveAndNext()}>
              {t("queue.saveNext")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => (setValues(initial), setErrors({}), setFormError(null))}>
              {t("form.discard")}
            </Button>
          </div>
          <p className="text-xs text-slate-500">{t("queue.shortcuts")}</p>
        </div>
      )}
    </form>
  );
}

function IvaEditor({ values, setValues, canWrite, error, meta }: { values: FormValues; setValues: (f: (v: FormValues) => FormValues) => void; canWrite: boolean; error?: string; meta: string | null }) {
  const t = useTranslations("documents");
  const setRow = (i: number, key: "rate" | "base" | "amount", v: string) => setValues((all) => ({ ...all, iva: all.iva.map((r, j) => (j === i ? { ...r, [key]: v } : r)) }));
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">
        {t("field.iva")}
        {meta && <span className="ml-2 text-xs font-normal text-slate-500">{meta}</span>}
      </legend>
      {values.iva.length === 0 && <p className="text-xs text-slate-500">{t("iva.empty")}</p>}
      {values.iva.map((row, i) => (
        <div key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-2">
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            {t("iva.rate")}
            <input className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm read-only:bg-slate-50" inputMode="decimal" readOnly={!canWrite} value={row.rate} onChange={(e) => setRow(i, "rate", e.target.value)} />
          </label>
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            {t("iva.base")}
            <input className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm read-only:bg-slate-50" inputMode="decimal" readOnly={!canWrite} value={row.base} onChange={(e) => setRow(i, "base", e.target.value)} />
          </label>
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            {t("iva.amount")}
            <input className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm read-only:bg-slate-50" inputMode="decimal" readOnly={!canWrite} value={row.amount} onChange={(e) => setRow(i, "amount", e.target.value)} />
          </label>
          {canWrite ? (
            <Button unstyled type="button" aria-label={t("iva.remove", { line: i + 1 })} className="mb-1 rounded p-1 text-slate-500 hover:bg-slate-100" onClick={() => setValues((all) => ({ ...all, iva: all.iva.filter((_, j) => j !== i) }))}>
              <X aria-hidden className="h-4 w-4" />
            </Button>
          ) : (
            <span />
          )}
        </div>
      ))}
      {canWrite && (
        <Button unstyled type="button" className="inline-flex w-fit items-center gap-1 text-xs font-medium text-brand-700 hover:underline" onClick={() => setValues((all) => ({ ...all, iva: [...all.iva, { rate: "21", base: "", amount: "" }] }))}>
          <Plus aria-hidden className="h-3 w-3" />
          {t("iva.add")}
        </Button>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ParseReportView({ doc }: { doc: DocumentDetail }) {
  const t = useTranslations("documents");
  const f = useFormat();
  const tr = useServerText();
  const r = doc.parseReport!;
  return (
    <section aria-labelledby="reporte" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="reporte" className="text-base font-semibold text-slate-900">
        {r.totalMs != null
          ? t("report.titleTimed", { attempt: r.attempt, seconds: f.number(r.totalMs / 1000, { maximumFractionDigits: 1 }) })
          : t("report.title", { attempt: r.attempt })}
      </h2>
      <ol className="mt-3 flex flex-wrap gap-2 text-xs">
        {r.stages.map((s) => (
          <li
            key={s.stage}
            title={s.note}
            className={cn("rounded-full px-2 py-1 ring-1 ring-inset", s.status === "ok" ? "bg-green-50 text-green-800 ring-green-600/20" : s.status === "failed" ? "bg-red-50 text-red-800 ring-red-600/20" : "bg-slate-50 text-slate-600 ring-slate-500/20")}
          >
            {t.has(`report.stage.${s.stage}`) ? t(`report.stage.${s.stage}`) : s.stage}: {t(`report.stageStatus.${s.status}`)}
            {s.ms != null ? ` · ${Math.round(s.ms)} ms` : ""}
          </li>
        ))}
      </ol>
      {r.issues.length > 0 && (
        <ul className="mt-3 flex flex-col gap-1 text-sm" aria-label={t("report.issues")}>
          {r.issues.map((i, n) => (
            <li key={n} className={i.severity === "error" ? "text-red-800" : "text-amber-800"}>
              {i.severity === "error" ? "✗" : "!"} {tr(i.message)}
            </li>
          ))}
        </ul>
      )}
      {r.notes.length > 0 && (
        <details className="mt-3 text-sm text-slate-700">
          <summary className="cursor-pointer text-slate-600">{t("report.notes", { count: r.notes.length })}</summary>
          <ul className="mt-2 list-disc pl-5">
            {r.notes.map((n, i) => (
              <li key={i}>{tr(n)}</li>
            ))}
          </ul>
        </details>
      )}
      {r.keptUserFields.length > 0 && <p className="mt-3 text-xs text-slate-600">{t("report.keptUserFields", { fields: r.keptUserFields.map((f) => t(`field.${f}`)).join(", ") })}</p>}
    </section>
  );
}

function show(field: string, value: unknown, t: Translate, f: ReturnType<typeof useFormat>): string {
  if (value === null || value === undefined) return t("history.emptyValue");
  if (field.endsWith("Cuit") && typeof value === "string") return f.cuit(value);
  if (["neto", "total", "otrosImpuestos", "noGravado", "exento", "percepcionesIva", "impuestosInternos", "otrosTributos"].includes(field) && typeof value === "number") return f.amount(value);
  if (field === "percepcionesIibb" && Array.isArray(value)) return value.map((p: { jurisdiccion: string | null; amount: number }) => `${p.jurisdiccion ?? "—"}: ${f.amount(p.amount)}`).join("; ");
  if ((field === "fecha" || field === "caeVencimiento") && typeof value === "string") return f.day(value);
  if (Array.isArray(value)) return value.map((l: { rate: number; amount: number }) => `${l.rate}%: ${f.amount(l.amount)}`).join("; ");
  return String(value);
}

function CorrectionsHistory({ doc }: { doc: DocumentDetail }) {
  const t = useTranslations("documents");
  const f = useFormat();
  return (
    <section aria-labelledby="historial" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="historial" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <History aria-hidden className="h-4 w-4" />
        {t("history.title")}
      </h2>
      {doc.corrections.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t("history.empty")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="table-cards w-full min-w-[36rem] text-left text-sm" aria-label={t("history.table")}>
            <thead className="text-xs text-slate-600">
              <tr className="[&>th]:py-1 [&>th]:pr-3">
                <th scope="col">{t("history.when")}</th>
                <th scope="col">{t("history.who")}</th>
                <th scope="col">{t("history.field")}</th>
                <th scope="col">{t("history.before")}</th>
                <th scope="col">{t("history.after")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {doc.corrections.map((c) => (
                <tr key={c.id} className="[&>td]:py-1.5 [&>td]:pr-3">
                  <td className="whitespace-nowrap text-xs" data-label={t("history.when")}>{f.dateTime(c.createdAt)}</td>
                  <td className="text-xs" data-label={t("history.who")}>{c.userName ?? "—"}</td>
                  <td>{t.has(`field.${c.field}`) ? t(`field.${c.field}`) : c.field}</td>
                  {c.kind === "CONFIRMATION" ? (
                    <td className="text-green-800">{t("history.confirmed")}</td>
                  ) : (
                    <td className="text-slate-500 line-through decoration-slate-400">{show(c.field, c.oldValue, t, f)}</td>
                  )}
                  <td className="font-medium">{show(c.field, c.newValue, t, f)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
