"use client";
import { useFormat } from "@/components/format/use-format";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useReducedMotion } from "@/components/charts/use-reduced-motion";

type Group = { count: number; amount: number };
const COLORS = { matched: "#16a34a", differences: "#d97706", missing: "#dc2626", unknown: "#7c3aed" } as const;

/** The month at a glance: how many comprobantes are matched, differ, are missing or unknown (and their amounts). */
export function MonthChart({ chart }: { chart: Record<keyof typeof COLORS, Group> }) {
  const t = useTranslations("misComprobantes");
  const f = useFormat();
  const animate = !useReducedMotion();
  const data = (Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => ({ key: k, name: t(`chart.${k}`), ...chart[k] }));
  return (
    <figure aria-label={t("chart.label")} className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {data.map((d) => (
          <div key={d.key} className="rounded-lg bg-slate-50 p-3" data-testid={`mc-count-${d.key}`}>
            <dt className="text-xs text-slate-500">{d.name}</dt>
            <dd className="text-lg font-semibold">{d.count}</dd>
            <dd className="text-xs text-slate-600">{f.amount(d.amount)}</dd>
          </div>
        ))}
      </dl>
      <div className="h-48">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip formatter={(value, _n, item) => [`${String(value)} · ${f.amount((item.payload as Group).amount)}`, t("chart.count")]} />
            <Bar isAnimationActive={animate} dataKey="count" name={t("chart.count")}>
              {data.map((d) => (
                <Cell key={d.key} fill={COLORS[d.key]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">{t("chart.caption")}</figcaption>
    </figure>
  );
}
