import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ActivityOverview } from "@/components/dashboard/activity-overview";
import { EngineHealthLine } from "@/components/dashboard/engine-health";
import { WebhookHealth } from "@/components/dashboard/webhook-health";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Panel" };

export default async function PanelPage() {
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.panel")} description={t("sections.panel")} />
      <div className="flex flex-col gap-6">
        <EngineHealthLine />
        <ActivityOverview />
        <section aria-labelledby="h-webhooks" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="h-webhooks" className="mb-4 text-lg font-semibold">Webhooks</h2>
          <WebhookHealth />
        </section>
      </div>
    </>
  );
}
