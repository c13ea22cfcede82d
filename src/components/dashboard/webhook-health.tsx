"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/client";
import { DeliveriesChart, LatencyChart } from "./webhook-charts";

export function WebhookHealth() {
  const t = useTranslations("dashboard");
  const trpc = useTRPC();
  const stats = useQuery(trpc.stats.webhooks.queryOptions());
  if (stats.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (stats.isError) return <p role="alert" className="text-sm text-red-700">{stats.error.message}</p>;
  const { daily, latency, successRate, total } = stats.data;
  if (total === 0) return <p className="text-sm text-slate-600">{t("webhooks.empty")}</p>;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        {t.rich("webhooks.successRate", {
          rate: successRate === null ? "—" : t("percent", { value: Math.round(successRate * 100) }),
          total,
          big: (chunks) => <span className="text-2xl font-semibold text-slate-900">{chunks}</span>,
        })}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("webhooks.deliveriesTitle")}</h3>
          <DeliveriesChart data={daily} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("webhooks.latencyTitle")}</h3>
          <LatencyChart data={latency} />
        </div>
      </div>
    </div>
  );
}
