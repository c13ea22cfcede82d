import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FinanceSettings } from "@/components/movements/finance-settings";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("budgetsPage.title") };
}

export default async function PresupuestosPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations("movements");
  return (
    <>
      <PageHeader title={t("budgetsPage.title")} description={t("budgetsPage.description")} />
      <MovementsNav />
      <FinanceSettings canWrite={WRITER_ROLES.includes(tenant.role)} />
    </>
  );
}
