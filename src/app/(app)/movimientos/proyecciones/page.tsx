import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectionsView } from "@/components/movements/projections-view";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("projectionsPage.title") };
}

export default async function ProyeccionesPage() {
  const { tenant } = await requireTenant();
  const profile = await (await serverCaller()).movements.profile();
  const t = await getTranslations("movements");
  return (
    <>
      <PageHeader title={t("projectionsPage.title")} description={t("projectionsPage.description")} />
      <MovementsNav />
      <ProjectionsView canWrite={WRITER_ROLES.includes(tenant.role)} currency={profile.currency} />
    </>
  );
}
