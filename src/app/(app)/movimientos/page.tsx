import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MovementsBoard } from "@/components/movements/movements-board";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES, WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("page.title") };
}

export default async function MovimientosPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.movimientos")} description={t("sections.movimientos")} />
      <MovementsNav />
      <MovementsBoard canWrite={WRITER_ROLES.includes(tenant.role)} isAdmin={ADMIN_ROLES.includes(tenant.role)} />
    </>
  );
}
