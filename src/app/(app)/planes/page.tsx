import { Check } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ChangePlanButton } from "@/components/plans/change-plan-button";
import { UsageMeter } from "@/components/plans/usage-meter";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { formatNumber } from "@/lib/format";
import { PLAN_LIMIT_KEYS, type PlanLimitKey } from "@/lib/plans";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export const metadata: Metadata = { title: "Planes" };

export default async function PlanesPage() {
  await requireRole(ADMIN_ROLES);
  const [t, locale, overview] = await Promise.all([getTranslations(), getLocale(), (await serverCaller()).plans.overview()]);
  const { current, plans, canChange } = overview;
  // Metered limits (with a progress bar) first.
  const usage = [...overview.usage].sort((a, b) => Number(a.used === null) - Number(b.used === null));
  const limitText = (limit: number | null) => (limit === null ? t("plans.unlimited") : formatNumber(limit, locale));
  // A limit without a meter (a rate, or a feature not built yet) shows only what the plan allows.
  const unmeteredText = (key: PlanLimitKey, limit: number | null) =>
    limit === null ? t("plans.unlimited") : key === "apiCallsPerMinute" ? t("plans.perMinute", { limit }) : t("plans.limitOnly", { limit });

  return (
    <>
      <PageHeader title={t("nav.planes")} description={t("sections.planes")} />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="current-plan" className="rounded-xl border border-slate-200 bg-white p-5">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="current-plan" className="text-base font-semibold">
              {t("plans.current")}: {current.name}
            </h2>
            <Badge tone="green">{t("plans.currentBadge")}</Badge>
          </div>
          {current.description && <p className="mt-1 text-sm text-slate-600">{current.description}</p>}
          <h3 className="mt-5 text-sm font-semibold uppercase tracking-wide text-slate-500">{t("plans.usageTitle")}</h3>
          <ul className="mt-3 grid gap-5 md:grid-cols-2">
            {usage.map(({ key, used, limit }) => {
              const label = t(`plans.limits.${key}`);
              const note = key === "users" ? t("plans.usersNote") : undefined;
              return (
                <li key={key}>
                  {used !== null && limit !== null ? (
                    <UsageMeter label={label} used={used} limit={limit} valueText={t("plans.usedOf", { used, limit })} note={note} atLimitText={t("plans.atLimit")} />
                  ) : (
                    <div className="flex flex-col gap-1.5">
                      <div className="flex items-baseline justify-between gap-3 text-sm">
                        <span className="font-medium text-slate-800">{label}</span>
                        <span className="text-slate-600">{used !== null ? t("plans.usedUnlimited", { used }) : unmeteredText(key, limit)}</span>
                      </div>
                      <p className="text-xs text-slate-500">{used === null && key !== "apiCallsPerMinute" ? t("plans.notMetered") : note}</p>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>

        <section aria-labelledby="all-plans" className="flex flex-col gap-3">
          <h2 id="all-plans" className="text-base font-semibold">
            {t("plans.allPlans")}
          </h2>
          {!canChange && <Alert tone="info">{t("plans.ownerOnly")}</Alert>}
          <ul className="grid gap-4 md:grid-cols-3">
            {plans.map((plan) => {
              const isCurrent = plan.id === current.id;
              return (
                <li key={plan.id} aria-label={plan.name} className={cn("flex flex-col gap-4 rounded-xl border bg-white p-5", isCurrent ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200")}>
                  <div>
                    <div className="flex items-center justify-between gap-2">
                      <h3 className="text-lg font-semibold">{plan.name}</h3>
                      {isCurrent && <Badge tone="green">{t("plans.currentBadge")}</Badge>}
                    </div>
                    {plan.description && <p className="mt-1 text-sm text-slate-600">{plan.description}</p>}
                  </div>
                  <dl className="flex flex-1 flex-col gap-2 text-sm">
                    {PLAN_LIMIT_KEYS.map((key) => (
                      <div key={key} className="flex items-start justify-between gap-3">
                        <dt className="flex items-center gap-2 text-slate-600">
                          <Check aria-hidden className="h-4 w-4 shrink-0 text-brand-600" />
                          {t(`plans.limits.${key}`)}
                        </dt>
                        <dd className="text-right font-medium tabular-nums">{limitText(plan.limits[key])}</dd>
                      </div>
                    ))}
                  </dl>
                  {canChange && !isCurrent && <ChangePlanButton plan={plan} />}
                </li>
              );
            })}
          </ul>
          <p className="text-xs text-slate-500">{t("plans.noBilling")}</p>
        </section>
      </div>
    </>
  );
}
