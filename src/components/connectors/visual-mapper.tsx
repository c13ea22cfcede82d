"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { compileVisual, DOCUMENT_FIELDS, rowOfTarget, visualFromMapping, visualIssues, type MapperRow } from "@/lib/connectors/visual-mapping";
import { useTRPC } from "@/trpc/client";

const CONSTANT = "__constant__";
const EXPRESSION = "__expression__";
const PARAM = "param:";

function selectValue(source: MapperRow["source"]): string {
  switch (source.kind) {
    case "field":
      return source.field;
    case "constant":
      return CONSTANT;
    case "param":
      return `${PARAM}${source.key}`;
    case "expression":
      return EXPRESSION;
  }
}

function sourceFromSelect(value: string, previous: MapperRow["source"]): MapperRow["source"] {
  if (value === CONSTANT) return { kind: "constant", value: "" };
  // Switching to «expression» starts from what the row had, so a field can be refined in place.
  if (value === EXPRESSION) return { kind: "expression", expression: previous.kind === "field" ? previous.field : previous.kind === "param" ? `$params.${previous.key}` : previous.kind === "expression" ? previous.expression : "" };
  if (value.startsWith(PARAM)) return { kind: "param", key: value.slice(PARAM.length) };
  return { kind: "field", field: value };
}

/**
 * PUSH mapping editor: the visual field mapper (default when the stored mapping fits it) or the
 * JSONata text (`advanced`, rendered by the form), with a live preview of the request body on a
 * real document of the organization in both modes. For a saved connector the rows also offer its
 * parameters (a preset's ids) and the preview sees them and the supplier's ERP id.
 */
export function VisualMapper({
  value,
  onChange,
  onInvalid,
  advanced,
  connectorId,
  parameterKeys = [],
  savedAt,
}: {
  value: string;
  onChange: (text: string) => void;
  /** Whether visual rows that cannot compile are pending (the form refuses to save). */
  onInvalid: (invalid: boolean) => void;
  advanced: ReactNode;
  /** When the saved connector last changed: its parameters feed the preview, so a save re-runs it. */
  savedAt?: string;
  connectorId?: string;
  parameterKeys?: string[];
}) {
  const t = useTranslations("connectors.mapper");
  const [initial] = useState(() => visualFromMapping(value));
  const [mode, setMode] = useState<"visual" | "advanced">(initial.ok ? "visual" : "advanced");
  const [rows, setRows] = useState<MapperRow[]>(initial.ok ? initial.rows : []);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const issues = visualIssues(rows);
  // A JSONata compile/evaluation error of the preview, shown next to the row it names.
  const [evalIssue, setEvalIssue] = useState<{ row: number; message: string } | null>(null);

  const update = (next: MapperRow[]) => {
    setRows(next);
    const compiled = compileVisual(next);
    onInvalid(!compiled.ok);
    if (compiled.ok) onChange(compiled.text);
  };
  const toVisual = () => {
    const parsed = visualFromMapping(value);
    if (!parsed.ok) return setSwitchError(t("cannotSwitch", { reason: parsed.reason }));
    setSwitchError(null);
    setRows(parsed.rows);
    onInvalid(false);
    setMode("visual");
  };

  return (
    <div className="flex flex-col gap-3">
      <div role="group" aria-label={t("modeLabel")} className="flex flex-wrap gap-2">
        <Button type="button" variant={mode === "visual" ? "primary" : "secondary"} className="px-3 py-1" aria-pressed={mode === "visual"} onClick={toVisual}>
          {t("visual")}
        </Button>
        <Button type="button" variant={mode === "advanced" ? "primary" : "secondary"} className="px-3 py-1" aria-pressed={mode === "advanced"} onClick={() => (setSwitchError(null), onInvalid(false), setMode("advanced"))}>
          {t("advanced")}
        </Button>
      </div>
      {switchError && (
        <p role="alert" className="text-xs font-medium text-amber-800">
          {switchError}
        </p>
      )}
      {mode === "advanced" ? (
        advanced
      ) : (
        <MapperRows rows={rows} issues={issues.length === 0 && evalIssue ? [evalIssue] : issues} parameterKeys={parameterKeys} onChange={update} />
      )}
      <DocumentPreview mapping={value} connectorId={connectorId} savedAt={savedAt} rows={mode === "visual" ? rows : null} blocked={mode === "visual" && issues.length > 0} onRowError={setEvalIssue} />
    </div>
  );
}

function MapperRows({ rows, issues, parameterKeys, onChange }: { rows: MapperRow[]; issues: { row: number; message: string }[]; parameterKeys: string[]; onChange: (rows: MapperRow[]) => void }) {
  const t = useTranslations("connectors.mapper");
  const set = (i: number, row: MapperRow) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <div className="flex flex-col gap-2">
      {rows.length === 0 && <p className="text-xs text-slate-500">{t("empty")}</p>}
      <ol className="flex flex-col gap-2" aria-label={t("rowsLabel")}>
        {rows.map((r, i) => {
          const issue = issues.find((x) => x.row === i);
          const n = i + 1;
          return (
            <li key={i} className="flex flex-col gap-1">
              <div className="flex flex-wrap items-center gap-2">
                <select
                  aria-label={t("sourceLabel", { n })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                  value={selectValue(r.source)}
                  onChange={(e) => set(i, { ...r, source: sourceFromSelect(e.target.value, r.source) })}
                >
                  <optgroup label={t("documentFields")}>
                    {DOCUMENT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </optgroup>
                  {(parameterKeys.length > 0 || r.source.kind === "param") && (
                    <optgroup label={t("parameters")}>
                      {[...new Set([...parameterKeys, ...(r.source.kind === "param" ? [r.source.key] : [])])].map((k) => (
                        <option key={k} value={`${PARAM}${k}`}>
                          {t("parameterOption", { key: k })}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  <option value={CONSTANT}>{t("constant")}</option>
                  <option value={EXPRESSION}>{t("expression")}</option>
                </select>
                {r.source.kind === "constant" && (
                  <input aria-label={t("constantLabel", { n })} className="rounded-md border border-slate-300 px-2 py-1 text-sm" value={String(r.source.value)} onChange={(e) => set(i, { ...r, source: { kind: "constant", value: e.target.value } })} />
                )}
                {r.source.kind === "expression" && (
                  <textarea
                    aria-label={t("expressionLabel", { n })}
                    rows={r.source.expression.length > 60 ? 3 : 1}
                    className="min-w-[16rem] flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
                    value={r.source.expression}
                    onChange={(e) => set(i, { ...r, source: { kind: "expression", expression: e.target.value } })}
                  />
                )}
                <span aria-hidden className="text-slate-400">
                  →
                </span>
                <input
                  aria-label={t("targetLabel", { n })}
                  aria-invalid={issue ? true : undefined}
                  placeholder="proveedor.cuit"
                  className={`rounded-md border px-2 py-1 font-mono text-sm ${issue ? "border-red-500" : "border-slate-300"}`}
                  value={r.target}
                  onChange={(e) => set(i, { ...r, target: e.target.value })}
                />
                <Button type="button" variant="ghost" className="px-2 py-1 text-xs" aria-label={t("removeLabel", { n })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {t("remove")}
                </Button>
              </div>
              {issue && (
                <p role="alert" className="text-xs font-medium text-red-700" data-row={n}>
                  {issue.message}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div>
        <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => onChange([...rows, { target: "", source: { kind: "field", field: "total" } }])}>
          {t("addRow")}
        </Button>
      </div>
    </div>
  );
}

/** Evaluates the mapping (debounced) on a picked document; errors land next to their row when there is one. */
function DocumentPreview({ mapping, connectorId, savedAt, rows, blocked, onRowError }: { mapping: string; connectorId?: string; savedAt?: string; rows: MapperRow[] | null; blocked: boolean; onRowError: (issue: { row: number; message: string } | null) => void }) {
  const t = useTranslations("connectors.mapper");
  const trpc = useTRPC();
  const documents = useQuery(trpc.connectors.previewDocuments.queryOptions());
  const [documentId, setDocumentId] = useState("");
  const preview = useMutation(trpc.connectors.previewMappingOnDocument.mutationOptions());
  const { mutate } = preview;
  const picked = documentId || documents.data?.[0]?.id || "";
  useEffect(() => {
    if (!picked || blocked) return;
    const timer = setTimeout(() => mutate({ mapping, documentId: picked, ...(connectorId ? { connectorId } : {}) }), 300);
    return () => clearTimeout(timer);
  }, [mapping, picked, blocked, mutate, connectorId, savedAt]);

  const result = preview.data;
  const errorRow = result && !result.ok && rows && !blocked ? rowOfTarget(rows, result.field) : -1;
  const rowMessage = errorRow >= 0 && result && !result.ok ? result.message : null;
  useEffect(() => onRowError(rowMessage === null ? null : { row: errorRow, message: rowMessage }), [errorRow, rowMessage, onRowError]);
  if (documents.data && documents.data.length === 0) return <p className="text-xs text-slate-500">{t("noDocuments")}</p>;
  return (
    <div className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3" aria-live="polite">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {t("previewDocument")}
        <select className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm font-normal" value={picked} onChange={(e) => setDocumentId(e.target.value)}>
          {(documents.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      {blocked && <p className="text-xs text-amber-800">{t("fixRows")}</p>}
      {preview.error && <p role="alert" className="text-xs text-red-700">{preview.error.message}</p>}
      {result && !result.ok && !blocked && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {errorRow >= 0 ? t("rowError", { n: errorRow + 1, message: result.message }) : result.message}
        </p>
      )}
      {result?.ok && !blocked && (
        <div>
          <p className="text-xs font-medium text-slate-700">{t("body")}</p>
          <pre aria-label={t("bodyLabel")} className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs">
            {JSON.stringify(result.body, null, 2)}
          </pre>
        </div>
      )}
    </div>
  );
}
