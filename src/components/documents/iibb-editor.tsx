"use client";
/** The review form's perceptions of Ingresos Brutos: one row per jurisdicción with its amount. */
import { Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { JURISDICCIONES } from "@/lib/documents/jurisdicciones";
import type { FormValues, IibbRow } from "./field-values";
import { Button } from "@/components/ui/button";

const input = "w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 text-sm read-only:bg-slate-50";

export function IibbEditor({ values, setValues, canWrite, error, hint }: { values: FormValues; setValues: (f: (v: FormValues) => FormValues) => void; canWrite: boolean; error?: string; hint: string | null }) {
  const t = useTranslations("documents");
  const rows = values.percepcionesIibb;
  const setRow = (i: number, key: keyof IibbRow, v: string) => setValues((all) => ({ ...all, percepcionesIibb: all.percepcionesIibb.map((r, j) => (j === i ? { ...r, [key]: v } : r)) }));
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 sm:col-span-2" data-field="percepcionesIibb">
      <legend className="px-1 text-sm font-medium text-slate-700">
        {t("field.percepcionesIibb")}
        {hint && <span className="ml-2 text-xs font-normal text-slate-500">{hint}</span>}
      </legend>
      {rows.length === 0 && <p className="text-xs text-slate-500">{t("iibb.empty")}</p>}
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[2fr_1fr_auto] items-end gap-2">
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            {t("iibb.jurisdiccion")}
            <input className={input} list="jurisdicciones-iibb" readOnly={!canWrite} value={row.jurisdiccion} onChange={(e) => setRow(i, "jurisdiccion", e.target.value)} />
          </label>
          <label className="flex min-w-0 flex-col gap-1 text-xs text-slate-600">
            {t("iibb.amount")}
            <input className={input} inputMode="decimal" readOnly={!canWrite} value={row.amount} onChange={(e) => setRow(i, "amount", e.target.value)} />
          </label>
          {canWrite ? (
            <Button unstyled type="button" aria-label={t("iibb.remove", { line: i + 1 })} className="mb-1 rounded p-1 text-slate-500 hover:bg-slate-100" onClick={() => setValues((all) => ({ ...all, percepcionesIibb: all.percepcionesIibb.filter((_, j) => j !== i) }))}>
              <X aria-hidden className="h-4 w-4" />
            </Button>
          ) : (
            <span />
          )}
        </div>
      ))}
      <datalist id="jurisdicciones-iibb">
        {JURISDICCIONES_SUGERIDAS.map((j) => (
          <option key={j} value={j} />
        ))}
      </datalist>
      {canWrite && (
        <Button unstyled type="button" className="inline-flex w-fit items-center gap-1 text-xs font-medium text-brand-700 hover:underline" onClick={() => setValues((all) => ({ ...all, percepcionesIibb: [...all.percepcionesIibb, { jurisdiccion: "", amount: "" }] }))}>
          <Plus aria-hidden className="h-3 w-3" />
          {t("iibb.add")}
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

/** The names the parser writes, offered while typing. */
const JURISDICCIONES_SUGERIDAS = JURISDICCIONES.map((j) => j.name);
