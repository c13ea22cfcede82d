import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ClientSelector } from "@/components/clients/client-selector";
import { ActivityOverview } from "@/components/dashboard/activity-overview";
import { EngineHealthLine } from "@/components/dashboard/engine-health";
import { WebhookHealth } from "@/components/dashboard/webhook-health";
import { FirstRunChecklist } from "@/components/onboarding/first-run-checklist";
import { requireTenant } from "@/server/auth/guards";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("page.title") };
}

export default async function PanelPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  const td = await getTranslations("dashboard");
  return (
    <>
      <PageHeader title={t("nav.panel")} description={t("sections.panel")} />
      <div className="flex flex-col gap-6">
        {tenant.role !== "VIEWER" && <FirstRunChecklist role={tenant.role} />}
        <EngineHealthLine />
        <Suspense>
          <ClientSelector />
          <ActivityOverview />
        </Suspense>
        <section aria-labelledby="h-webhooks" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="h-webhooks" className="mb-4 text-lg font-semibold">{td("page.webhooks")}</h2>
          <WebhookHealth />
        </section>
      </div>
    </>
  );
}
