import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SuggestionsReview } from "@/components/ai/suggestions-review";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ai");
  return { title: t("suggestionsPage.metaTitle") };
}

export default async function SugerenciasPage({ searchParams }: { searchParams: Promise<{ documento?: string }> }) {
  const { tenant } = await requireTenant();
  const { documento } = await searchParams;
  const t = await getTranslations("ai");
  return (
    <>
      <PageHeader title={t("suggestionsPage.title")} description={t("suggestionsPage.description")} />
      <SuggestionsReview initialDocumentId={documento ?? null} canDecide={WRITER_ROLES.includes(tenant.role)} />
    </>
  );
}
