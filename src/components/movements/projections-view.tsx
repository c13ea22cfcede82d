"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { LineChart as LineIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useReducedMotion } from "@/components/charts/use-reduced-motion";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { useTRPC } from "@/trpc/client";
import { useCategories } from "./categories";
import { money } from "./format";

const COLORS = ["#1d5fd1", "#16a34a", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#db2777", "#65a30d", "#475569"];
const compact = (n: number) => new Intl.NumberFormat("es-AR", { notation: "compact", maximumFractionDigits: 1 }).format(n);

export function ProjectionsView({ canWrite, currency }: { canWrite: boolean; currency: string }) {
  const t = useTranslations("movements.projections");
  const { label: categoryLabel } = useCategories();
  const trpc = useTRPC();
  const animate = !useReducedMotion();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [type, setType] = useState<"weekly" | "monthly">("weekly");
  const projections = useQuery({ ...trpc.movements.projections.queryOptions(), refetchInterval: (q) => (q.state.data?.some((p) => p.status === "PENDING") ? 1500 : false) });
  const request = useMutation(trpc.movements.requestProjection.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.projections.queryKey() }) }));
  const latest = projections.data?.find((p) => p.status === "READY");
  const pending = projections.data?.find((p) => p.status === "PENDING");
  const lastFailed = projections.data?.[0]?.status === "FAILED" ? projections.data[0] : null;
  const r = latest?.result;

  return (
    <div className="flex flex-col gap-6">
      {canWrite && (
        <div className="flex flex-wrap items-end gap-3">
          <SelectField label={t("type")} value={type} onChange={(e) => setType(e.target.value as "weekly" | "monthly")} options={[{ value: "weekly", label: t("next7") }, { value: "monthly", label: t("next30") }]} />
          <Button onClick={() => request.mutate({ projectionType: type })} disabled={request.isPending || !!pending}>
            {pending ? t("projecting") : t("generate")}
          </Button>
          <p className="text-xs text-slate-500">{t("autoNote")}</p>
        </div>
      )}
      {request.isError && <Alert>{request.error.message}</Alert>}
      {pending && (
        <p role="status" className="flex items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-800">
          <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" aria-hidden /> {t("pending")}
        </p>
      )}
      {lastFailed && <Alert>{t("lastFailed", { error: lastFailed.errorMessage ?? t("memberError") })}</Alert>}
      {projections.data && !latest && !pending && (
        <EmptyState icon={LineIcon} title={t("emptyTitle")}>
          {t("emptyBody")}
        </EmptyState>
      )}
      {latest && r && (
        <>
          <section aria-labelledby="summary" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h2 id="summary" className="text-base font-semibold">
                {t("summaryTitle")}
              </h2>
              <p className="text-xs text-slate-500">
                {latest.trigger === "WEEKLY" ? t("triggerWeekly") : t("triggerManual")} · {format.dateTime(new Date(latest.completedAt ?? latest.createdAt), { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" })} · {t("period", { period: r.projection.period })}
              </p>
            </div>
            <p className="mt-2 text-sm leading-relaxed text-slate-800" data-testid="ai-summary">
              {r.aiSummary}
            </p>
            <dl className="mt-4 grid gap-3 sm:grid-cols-3">
              <Stat label={t("estimatedExpenses")} value={money(r.projection.estimatedExpenses, currency)} />
              <Stat label={t("estimatedIncome")} value={money(r.projection.estimatedIncome, currency)} />
              <Stat label={t("projectedBalance")} value={money(r.projection.projectedBalance, currency)} tone={r.projection.projectedBalance < 0 ? "text-red-700" : "text-green-700"} />
            </dl>
          </section>

          <div className="grid gap-6 lg:grid-cols-2">
            <ChartCard id="burn" title={t("burnRateTitle")}>
              <figure aria-label={t("burnRateLabel")} className="h-64" data-testid="chart-burn-rate">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={[{ name: t("daily"), value: r.projection.burnRate.daily }, { name: t("weekly"), value: r.projection.burnRate.weekly }, { name: t("monthly"), value: r.projection.burnRate.monthly }]} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" vertical={false} />
                    <XAxis dataKey="name" fontSize={12} />
                    <YAxis tickFormatter={compact} fontSize={12} />
                    <Tooltip formatter={(v) => money(Number(v), currency)} />
                    <Bar isAnimationActive={animate} dataKey="value" name={t("spending")} fill="#1d5fd1" radius={[4, 4, 0, 0]} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            </ChartCard>

            <ChartCard id="by-category" title={t("byCategoryTitle")}>
              <figure aria-label={t("byCategoryLabel")} className="h-64" data-testid="chart-by-category">
                <ResponsiveContainer width="100%" height="100%">
                  <PieChart>
                    <Pie
                      isAnimationActive={animate}
                      data={Object.entries(r.projection.byCategory).map(([k, v]) => ({ name: categoryLabel(k), value: v }))}
                      dataKey="value"
                      nameKey="name"
                      innerRadius="45%"
                      outerRadius="80%"
                      paddingAngle={2}
                    >
                      {Object.keys(r.projection.byCategory).map((k, i) => (
                        <Cell key={k} fill={COLORS[i % COLORS.length]} />
                      ))}
                    </Pie>
                    <Tooltip formatter={(v) => money(Number(v), currency)} />
                    <Legend />
                  </PieChart>
                </ResponsiveContainer>
              </figure>
            </ChartCard>
          </div>

          <ChartCard id="goals" title={t("goalsTitle")}>
            {r.goalProgress.length === 0 ? (
              <p className="text-sm text-slate-500">{t("noGoals")}</p>
            ) : (
              <figure aria-label={t("goalsLabel")} className="h-56" data-testid="chart-goals">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart layout="vertical" data={r.goalProgress.map((g) => ({ name: g.goal, avance: Math.min(g.percentage, 100), onTrack: g.onTrack }))} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" domain={[0, 100]} unit=" %" fontSize={12} />
                    <YAxis type="category" dataKey="name" width={160} fontSize={12} />
                    <Tooltip formatter={(v) => `${String(v)} %`} />
                    <Bar isAnimationActive={animate} dataKey="avance" name={t("progress")} radius={[0, 4, 4, 0]}>
                      {r.goalProgress.map((g, i) => (
                        <Cell key={i} fill={g.onTrack ? "#16a34a" : "#d97706"} />
                      ))}
                    </Bar>
                  </BarChart>
                </ResponsiveContainer>
              </figure>
            )}
            <ul className="mt-2 flex flex-wrap gap-2 text-xs">
              {r.goalProgress.map((g, i) => (
                <li key={i}>
                  <Badge tone={g.onTrack ? "green" : "amber"}>
                    {g.goal}: {g.percentage} % {g.onTrack ? t("onTrack") : t("behind")}
                  </Badge>
                </li>
              ))}
            </ul>
          </ChartCard>

          <div className="grid gap-6 lg:grid-cols-2">
            <ChartCard id="insights" title={t("insightsTitle")}>
              <ul className="flex flex-col gap-3 text-sm">
                {r.insights.map((i, k) => (
                  <li key={k}>
                    <p className="font-medium text-slate-900">
                      <Badge tone={i.type === "POSITIVE" ? "green" : i.type === "WARNING" ? "amber" : "slate"}>{i.type}</Badge> {i.title}
                    </p>
                    <p className="text-slate-700">{i.description}</p>
                    {i.impact && <p className="text-xs text-slate-500">{i.impact}</p>}
                  </li>
                ))}
              </ul>
            </ChartCard>
            <ChartCard id="recs" title={t("recommendationsTitle")}>
              <ul className="flex flex-col gap-2 text-sm">
                {r.recommendations.map((rec, k) => (
                  <li key={k} className="flex items-start justify-between gap-2">
                    <span>
                      <Badge tone={rec.priority === "high" ? "red" : rec.priority === "medium" ? "amber" : "slate"}>{rec.priority}</Badge> {rec.action}
                    </span>
                    {rec.potentialSavings !== undefined && <span className="whitespace-nowrap text-slate-600">{money(rec.potentialSavings, currency)}</span>}
                  </li>
                ))}
              </ul>
            </ChartCard>
          </div>
        </>
      )}
      {projections.data && projections.data.length > 1 && (
        <section aria-labelledby="history" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="history" className="text-base font-semibold">
            {t("historyTitle")}
          </h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {projections.data.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-2 py-2">
                <span className="text-slate-600">{format.dateTime(new Date(p.createdAt), { dateStyle: "short", timeStyle: "short", hourCycle: "h23" })}</span>
                <Badge tone={p.status === "READY" ? "green" : p.status === "FAILED" ? "red" : "amber"}>{p.status === "READY" ? t("statusReady") : p.status === "FAILED" ? t("statusFailed") : t("statusPending")}</Badge>
                <span className="text-slate-600">{p.trigger === "WEEKLY" ? t("historyWeekly") : t("historyManual")}</span>
                {p.status === "FAILED" && <span className="w-full text-xs text-red-700">{p.errorMessage ?? t("memberError")}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`mt-1 text-lg font-semibold ${tone ?? "text-slate-900"}`}>{value}</dd>
    </div>
  );
}

function ChartCard({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
