"use client";
import { useFormat } from "@/components/format/use-format";
import { useServerText } from "@/components/format/use-server-text";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { dashedCuit } from "@/components/clients/client-param";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/trpc/client";

const rate = (r: number) => `${String(r).replace(".", ",")} %`;
const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** "Libro IVA Digital": pick a client and a month, see what blocks the files (with links to fix), generate in the background, download the zip. */
export function LibroIva({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("clients.libro");
  const f = useFormat();
  const tr = useServerText();
  const trpc = useTRPC();
  const clients = useQuery(trpc.clients.list.queryOptions());
  // Client and month live in the URL: back from fixing a document on the review page, the same month shows.
  const pathname = usePathname();
  const params = useSearchParams();
  // State is the truth while on the page (two quick changes must not race on the URL); the URL follows it.
  const [{ cliente: clientId, periodo: period }, setChoice] = useState(() => ({ cliente: params.get("cliente") ?? "", periodo: params.get("periodo") ?? lastMonth() }));
  const [runId, setRunId] = useState<string | null>(null);
  const pick = (next: { cliente?: string; periodo?: string }) => {
    const choice = { cliente: clientId, periodo: period, ...next };
    setChoice(choice);
    setRunId(null);
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(choice)) if (v) p.set(k, v);
    // The browser's own replaceState, not router.replace: that one is a transition, and a click on
    // «Corregir» right after a change could navigate before it landed, so «back» lost the month.
    window.history.replaceState(null, "", `${pathname}?${p.toString()}`);
  };
  const input = { clientId, period };
  const valid = !!clientId && /^\d{4}-\d{2}$/.test(period);
  // Always fresh: coming back from fixing a document on the review page must show the new state.
  const pre = useQuery({ ...trpc.libroIva.preflight.queryOptions(input), enabled: valid, staleTime: 0, refetchOnMount: "always", refetchOnWindowFocus: true });
  const generate = useMutation(trpc.libroIva.generate.mutationOptions({ onSuccess: (r) => setRunId(r.runId) }));
  const run = useQuery({
    ...trpc.libroIva.run.queryOptions({ runId: runId ?? "" }),
    enabled: !!runId,
    refetchInterval: (q) => (q.state.data && !["PENDING", "RUNNING"].includes(q.state.data.status) ? false : 700),
  });
  const d = pre.data;

  return (
    <div className="flex flex-col gap-6">
      <form aria-label={t("pick")} className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_12rem]" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("client")}
          value={clientId}
          onChange={(e) => pick({ cliente: e.target.value })}
          options={[{ value: "", label: t("chooseClient") }, ...(clients.data ?? []).map((c) => ({ value: c.id, label: `${c.razonSocial} (${dashedCuit(c.cuit)})` }))]}
        />
        <TextField label={t("period")} type="month" value={period} onChange={(e) => pick({ periodo: e.target.value })} />
      </form>
      {clients.data?.length === 0 && (
        <p className="text-sm text-slate-600">
          {t("noClients")} <Link className="text-blue-700 underline" href="/clientes">{t("goClients")}</Link>
        </p>
      )}
      {pre.isError && <p role="alert" className="text-sm text-red-700">{pre.error.message}</p>}
      {d && (
        <section aria-labelledby="preflight" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="preflight" className="text-base font-semibold">{t("preflightTitle")}</h2>
            <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => void pre.refetch()}>{t("recheck")}</Button>
          </div>
          <p className="text-sm text-slate-600">{t("documents", { count: d.documents })}</p>
          {d.documents > 0 && d.blockers.length === 0 && <p role="status" className="text-sm text-green-800">{t("ready")}</p>}
          {d.blockers.length > 0 && (
            <>
              <p className="text-sm font-medium text-red-800">{t("blocked", { count: d.blockers.length })}</p>
              <ul aria-label={t("blockersList")} className="flex flex-col divide-y divide-slate-100 text-sm">
                {d.blockers.map((b, i) => (
                  <li key={`${b.documentId}-${i}`} className="flex flex-wrap items-center gap-2 py-2">
                    <span className="font-medium">{b.label}</span>
                    <span className="text-slate-700">{tr(b.message)}</span>
                    {b.documentId && <Link className="text-blue-700 underline" href={`/parse/${b.documentId}`}>{t("fix")}</Link>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {d.warnings.length > 0 && (
            <ul aria-label={t("warningsList")} className="flex flex-col gap-1 text-sm text-amber-800">
              {d.warnings.map((w, i) => (
                <li key={`${w.documentId}-${i}`}>
                  {w.label}: {tr(w.message)}
                </li>
              ))}
            </ul>
          )}
          {d.summary.comprobantes > 0 && (
            <table aria-label={t("summary")} className="w-full max-w-xl text-left text-sm">
              <tbody className="[&_td]:py-1 [&_th]:py-1 [&_th]:pr-4 [&_th]:font-normal [&_th]:text-slate-600">
                <tr><th scope="row">{t("comprobantes")}</th><td>{d.summary.comprobantes}</td></tr>
                {d.summary.porAlicuota.map((r) => (
                  <tr key={r.code}><th scope="row">{t("rateLine", { rate: rate(r.rate) })}</th><td>{t("netoIva", { neto: f.cents(r.neto), iva: f.cents(r.iva) })}</td></tr>
                ))}
                <tr><th scope="row">{t("creditoFiscal")}</th><td>{f.cents(d.summary.creditoFiscal)}</td></tr>
                <tr><th scope="row">{t("total")}</th><td>{f.cents(d.summary.total)}</td></tr>
              </tbody>
            </table>
          )}
          {canWrite && (
            <div>
              <Button type="button" disabled={!d.ready || generate.isPending} onClick={() => generate.mutate(input)}>{t("generate")}</Button>
              {generate.isError && <p role="alert" className="mt-2 text-sm text-red-700">{generate.error.message}</p>}
            </div>
          )}
        </section>
      )}
      {run.data && (
        <section aria-labelledby="run" aria-live="polite" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <h2 id="run" className="text-base font-semibold">{t("runTitle")}</h2>
          {["PENDING", "RUNNING"].includes(run.data.status) && (
            <>
              <progress className="w-full max-w-md" value={run.data.processed} max={Math.max(1, run.data.totalDocs)} aria-label={t("progress")} />
              <p>{t("progressText", { processed: run.data.processed, total: run.data.totalDocs })}</p>
            </>
          )}
          {run.data.status === "DONE" && (
            <a className="font-medium text-blue-700 underline" href={`/api/libro-iva/${run.data.id}`} download>
              {t("download")}
            </a>
          )}
          {run.data.status === "BLOCKED" && <p role="alert" className="text-red-700">{t("runBlocked")}</p>}
          {run.data.status === "FAILED" && <p role="alert" className="text-red-700">{run.data.error ?? t("runFailed")}</p>}
        </section>
      )}
    </div>
  );
}
