import type { Metadata } from "next";
import { FileText, Send } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { EngineHealthLine } from "@/components/dashboard/engine-health";
import { WebhookHealth } from "@/components/dashboard/webhook-health";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Panel" };

export default async function PanelPage() {
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.panel")} description={t("sections.panel")} />
      <div className="flex flex-col gap-6">
        <EngineHealthLine />
        <section aria-labelledby="h-webhooks" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="h-webhooks" className="mb-4 text-lg font-semibold">Webhooks</h2>
          <WebhookHealth />
        </section>
        <div className="grid gap-6 md:grid-cols-2">
          <EmptyState icon={FileText} title={t("nav.parse")}>
            {t("sections.parse")}
          </EmptyState>
          <EmptyState icon={Send} title={t("nav.exportar")}>
            {t("sections.exportar")}
          </EmptyState>
        </div>
      </div>
    </>
  );
}
