import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RunsTable } from "@/components/runs/runs-table";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("runs");
  return { title: t("metaTitle") };
}

export default async function EjecucionesPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.ejecuciones")} description={t("sections.ejecuciones")} />
      <RunsTable />
    </>
  );
}
