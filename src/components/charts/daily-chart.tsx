"use client";
import type { ReactNode } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { cn } from "@/components/ui/cn";
import { useReducedMotion } from "./use-reduced-motion";

export type Series<T> = { key: keyof T & string; name: string; color: string };

/** `2026-11-29` → `29/11`. */
const dayLabel = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;

/**
 * One chart per day of a period: stacked bars or areas (counts by outcome) or lines (a measure
 * such as latency). The figure's label is what a screen reader says instead of the drawing.
 */
export function DailyChart<T extends { day: string }>({
  data,
  label,
  kind,
  series,
  unit,
  caption,
  className = "h-64",
}: {
  data: T[];
  label: string;
  kind: "bar" | "area" | "line";
  series: Series<T>[];
  /** For a measure (lines): shown on the axis; counts have whole-number ticks instead. */
  unit?: string;
  caption?: ReactNode;
  className?: string;
}) {
  const animate = !useReducedMotion();
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey="day" tickFormatter={dayLabel} fontSize={12} />,
    <YAxis key="y" fontSize={12} {...(unit ? { unit } : { allowDecimals: false })} />,
    <Tooltip key="tip" labelFormatter={(v) => dayLabel(String(v))} />,
    <Legend key="legend" />,
  ];
  const margin = { top: 8, right: 8, left: unit ? -8 : -16, bottom: 0 };
  const chart =
    kind === "bar" ? (
      <BarChart data={data} margin={margin}>
        {axes}
        {series.map((s) => <Bar key={s.key} dataKey={String(s.key)} name={s.name} stackId="a" fill={s.color} isAnimationActive={animate} />)}
      </BarChart>
    ) : kind === "area" ? (
      <AreaChart data={data} margin={margin}>
        {axes}
        {series.map((s) => <Area key={s.key} type="monotone" dataKey={String(s.key)} name={s.name} stackId="a" stroke={s.color} fill={s.color} fillOpacity={0.3} isAnimationActive={animate} />)}
      </AreaChart>
    ) : (
      <LineChart data={data} margin={margin}>
        {axes}
        {series.map((s) => <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot isAnimationActive={animate} />)}
      </LineChart>
    );
  return (
    <figure aria-label={label} className={cn("flex flex-col gap-2", !caption && className)}>
      <div className={caption ? className : "h-full"}>
        <ResponsiveContainer width="100%" height="100%">
          {chart}
        </ResponsiveContainer>
      </div>
      {caption && <figcaption className="text-xs text-slate-500">{caption}</figcaption>}
    </figure>
  );
}
