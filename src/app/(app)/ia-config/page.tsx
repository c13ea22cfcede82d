import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PromptEditor } from "@/components/ai/prompt-editor";
import { ProviderSettings } from "@/components/ai/provider-settings";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai");
  return { title: t("config.metaTitle") };
}

export default async function IaConfigPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations("ai");
  return (
    <>
      <PageHeader title={t("config.title")} description={t("config.description")} />
      <div className="flex flex-col gap-8">
        <p className="text-sm text-slate-600">
          {t.rich("config.suggestionsLink", {
            link: (chunks) => (
              <Link href="/ia-config/sugerencias" className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
        <section aria-labelledby="h-provider" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="h-provider" className="mb-4 text-lg font-semibold">
            {t("config.provider")}
          </h2>
          <ProviderSettings />
        </section>
        <section aria-labelledby="h-prompts" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="h-prompts" className="mb-4 text-lg font-semibold">
            {t("config.prompts")}
          </h2>
          <PromptEditor />
        </section>
      </div>
    </>
  );
}
