import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ExportCenter } from "@/components/exports/export-center";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("exports");
  return { title: t("page.title") };
}

export default async function ExportarPage() {
  await requireTenant();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.exportar")} description={t("sections.exportar")} />
      <Suspense>
        <ExportCenter />
      </Suspense>
    </>
  );
}
