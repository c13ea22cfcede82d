"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

const dashed = (c: string) => `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}`;

type Result = { id?: string; error?: { message: string } };

/**
 * The receptor CUIT (from the organization's documents; the Clients selector replaces it later),
 * the month and ARCA's file. Posts to /api/mis-comprobantes; the server names what is wrong.
 */
export function UploadForm({ tenantId, receptorCuit, period, onReceptor, onPeriod, onImported }: { tenantId: string; receptorCuit: string; period: string; onReceptor: (c: string) => void; onPeriod: (p: string) => void; onImported: (id: string) => void }) {
  const t = useTranslations("misComprobantes");
  const trpc = useTRPC();
  const receptors = useQuery(trpc.misComprobantes.receptors.queryOptions());
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!receptorCuit || !period || !file) return setError(t("form.incomplete"));
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("receptorCuit", receptorCuit);
    form.append("period", period);
    try {
      const res = await fetch("/api/mis-comprobantes", { method: "POST", body: form, headers: { "x-tenant-id": tenantId } });
      const body = (await res.json().catch(() => ({}))) as Result;
      if (!res.ok || !body.id) setError(body.error?.message ?? t("form.failed"));
      else onImported(body.id);
    } catch {
      setError(t("form.offline"));
    } finally {
      setBusy(false);
    }
  };

  const options = receptors.data ?? [];
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="mc-form-title">
      <h2 id="mc-form-title" className="text-base font-semibold text-slate-900">
        {t("form.title")}
      </h2>
      <p className="text-sm text-slate-600">{t("form.help")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">{t("form.receptor")}</span>
          <select className="rounded-md border border-slate-300 px-2 py-1.5" value={receptorCuit} onChange={(e) => onReceptor(e.target.value)} required>
            <option value="">{receptors.isPending ? t("form.loading") : options.length ? t("form.pickReceptor") : t("form.noReceptors")}</option>
            {options.map((r) => (
              <option key={r.cuit} value={r.cuit}>
                {dashed(r.cuit)}
                {r.nombre ? ` — ${r.nombre}` : ""} ({t("form.documents", { count: r.documents })})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">{t("form.period")}</span>
          <input type="month" className="rounded-md border border-slate-300 px-2 py-1.5" value={period} onChange={(e) => onPeriod(e.target.value)} required />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-800">{t("form.file")}</span>
          <input type="file" accept=".csv,.xlsx,.zip,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </label>
        <Button type="submit" disabled={busy}>
          {busy ? t("form.importing") : t("form.import")}
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
    </form>
  );
}
