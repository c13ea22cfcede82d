"use client";
import { useFormat } from "@/components/format/use-format";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatComprobanteNumber } from "@/lib/documents/fields";
import type { ImportLineView } from "@/server/mis-comprobantes/queries";
import { useTRPC } from "@/trpc/client";
import { MonthChart } from "./month-chart";

const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : "—");
const diffValue = (field: string, v: number | string | null, money: (n: number) => string) => (typeof v === "number" && !["cotizacion", "tipoCodigo"].includes(field) ? money(v) : v == null ? "—" : String(v));

function Lines({ id, title, hint, lines, tone, showDiffs, showDoc }: { id: string; title: string; hint: string; lines: ImportLineView[]; tone: "red" | "amber" | "blue"; showDiffs?: boolean; showDoc?: boolean }) {
  const t = useTranslations("misComprobantes");
  const f = useFormat();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid={id}>
      <h3 id={id} className="flex items-center gap-2 text-base font-semibold text-slate-900">
        {title} <Badge tone={tone}>{lines.length}</Badge>
      </h3>
      <p className="text-sm text-slate-600">{hint}</p>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-500">{t("lists.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="table-cards min-w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">{t("cols.fecha")}</th>
                <th className="py-1 pr-3 font-medium">{t("cols.emisor")}</th>
                <th className="py-1 pr-3 font-medium">{t("cols.comprobante")}</th>
                <th className="py-1 pr-3 text-right font-medium">{t("cols.afipTotal")}</th>
                {showDoc && <th className="py-1 pr-3 text-right font-medium">{t("cols.docTotal")}</th>}
                {showDoc && <th className="py-1 pr-3 font-medium">{t("cols.document")}</th>}
                {showDiffs && <th className="py-1 pr-3 font-medium">{t("cols.diffs")}</th>}
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} className="border-t border-slate-100 align-top">
                  <td className="py-1.5 pr-3 whitespace-nowrap" data-label={t("cols.fecha")}>{dmy(l.fecha)}</td>
                  <td className="py-1.5 pr-3">
                    <div>{l.emisorNombre ?? "—"}</div>
                    <div className="text-xs text-slate-500">{f.cuit(l.emisorCuit)}</div>
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap" data-label={t("cols.comprobante")}>
                    {l.tipoLabel ?? "—"} {formatComprobanteNumber(l.puntoVenta, l.numero) ?? ""}
                  </td>
                  <td className="py-1.5 pr-3 text-right whitespace-nowrap" data-label={t("cols.afipTotal")}>{l.state === "UNKNOWN" ? "—" : f.amount(l.afipTotal)}</td>
                  {showDoc && <td className="py-1.5 pr-3 text-right whitespace-nowrap" data-label={t("cols.docTotal")}>{f.amount(l.docTotal)}</td>}
                  {showDoc && (
                    <td className="py-1.5 pr-3">
                      {l.documentId ? (
                        <Link className="text-brand-700 underline" href={`/parse/${l.documentId}`}>
                          {l.documentFileName ?? t("lists.open")}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  )}
                  {showDiffs && (
                    <td className="py-1.5 pr-3">
                      <ul>
                        {l.diffs.map((d, i) => (
                          <li key={i} className={d.level === "mismatch" ? "text-red-800" : "text-amber-800"}>
                            {t(`diffField.${d.field.startsWith("neto ") ? "neto" : d.field.startsWith("iva ") ? "ivaRate" : d.field}`, { rate: d.field.split(" ")[1] ?? "" })}: {t("lists.afip")} {diffValue(d.field, d.afip, f.amount)} · {t("lists.document")} {diffValue(d.field, d.document, f.amount)}
                            {d.level === "rounding" ? ` (${t("lists.rounding")})` : ""}
                          </li>
                        ))}
                      </ul>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One import: the month's chart, then missing, unknown and differing comprobantes. */
export function ImportResult({ id }: { id: string }) {
  const t = useTranslations("misComprobantes");
  const f = useFormat();
  const trpc = useTRPC();
  const result = useQuery(trpc.misComprobantes.get.queryOptions({ id }));
  if (result.isPending) return <p className="text-sm text-slate-500">{t("result.loading")}</p>;
  if (result.isError) return <p role="alert" className="text-sm text-red-700">{result.error.message}</p>;
  const r = result.data;
  const of = (...states: ImportLineView["state"][]) => r.lines.filter((l) => states.includes(l.state));
  return (
    <div className="flex flex-col gap-4" data-testid="mc-result">
      <p className="text-sm text-slate-700">
        {t("result.summary", { file: r.fileName, layout: r.layoutName, rows: r.afipRows, date: f.dateTime(r.createdAt) })}
      </p>
      {r.notes.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-amber-800">
          {r.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      <MonthChart chart={r.chart} />
      <Lines id="mc-missing" title={t("lists.missing")} hint={t("lists.missingHint")} lines={of("MISSING")} tone="red" />
      <Lines id="mc-unknown" title={t("lists.unknown")} hint={t("lists.unknownHint")} lines={of("UNKNOWN")} tone="blue" showDoc />
      <Lines id="mc-differences" title={t("lists.differences")} hint={t("lists.differencesHint")} lines={of("DIFFERENT", "TYPE_MISMATCH", "ROUNDING")} tone="amber" showDoc showDiffs />
    </div>
  );
}
