"use client";
import { useFormat } from "@/components/format/use-format";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useReducedMotion } from "@/components/charts/use-reduced-motion";
import { useTRPC } from "@/trpc/client";

const day = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/** PUSH statistics of one connector: success rate, latency and calls per day (last 30 days). */
export function ConnectorStats({ connectorId, name }: { connectorId: string; name: string }) {
  const t = useTranslations("exports");
  const f = useFormat();
  const trpc = useTRPC();
  const animate = !useReducedMotion();
  const stats = useQuery(trpc.exports.stats.queryOptions({ connectorId, days: 30 }));
  if (stats.isPending) return <p className="text-sm text-slate-500">{t("connectorStats.loading")}</p>;
  if (stats.isError) return <p role="alert" className="text-sm text-red-700">{stats.error.message}</p>;
  const s = stats.data;
  if (s.calls === 0 && s.series.length === 0) return <p className="text-sm text-slate-500">{t("connectorStats.empty", { days: s.days })}</p>;
  return (
    <figure aria-label={t("connectorStats.figureLabel", { name })} className="flex flex-col gap-3">
      <dl className="grid grid-cols-3 gap-3 text-sm">
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-xs text-slate-500">{t("connectorStats.successRate")}</dt>
          <dd className="text-lg font-semibold">{s.successRate === null ? "—" : `${f.number(s.successRate * 100, { maximumFractionDigits: 1 })} %`}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-xs text-slate-500">{t("connectorStats.avgLatency")}</dt>
          <dd className="text-lg font-semibold">{s.avgLatencyMs === null ? "—" : `${f.number(s.avgLatencyMs)} ms`}</dd>
        </div>
        <div className="rounded-lg bg-slate-50 p-3">
          <dt className="text-xs text-slate-500">{t("connectorStats.calls", { days: s.days })}</dt>
          <dd className="text-lg font-semibold">{f.number(s.calls)}</dd>
        </div>
      </dl>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={s.series} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
            <YAxis yAxisId="n" allowDecimals={false} fontSize={12} />
            <YAxis yAxisId="ms" orientation="right" fontSize={12} unit=" ms" />
            <Tooltip labelFormatter={(v) => day(String(v))} />
            <Legend />
            <Bar isAnimationActive={animate} yAxisId="n" dataKey="success" name={t("connectorStats.series.success")} stackId="a" fill="#16a34a" />
            <Bar isAnimationActive={animate} yAxisId="n" dataKey="failed" name={t("connectorStats.series.failed")} stackId="a" fill="#dc2626" />
            <Bar isAnimationActive={animate} yAxisId="n" dataKey="skipped" name={t("connectorStats.series.skipped")} stackId="a" fill="#d97706" />
            <Line isAnimationActive={animate} yAxisId="ms" dataKey="avgLatencyMs" name={t("connectorStats.series.latency")} stroke="#1d5fd1" dot={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">{t("connectorStats.caption")}</figcaption>
    </figure>
  );
}
