import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProjectionsView } from "@/components/movements/projections-view";
import { N8nGate } from "@/components/movements/n8n-gate";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES, WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("movements");
  return { title: t("projectionsPage.title") };
}

export default async function ProyeccionesPage() {
  const { tenant } = await requireTenant();
  const caller = await serverCaller();
  const [profile, availability] = await Promise.all([caller.movements.profile(), caller.movements.availability()]);
  const t = await getTranslations("movements");
  return (
    <>
      <PageHeader title={t("projectionsPage.title")} description={t("projectionsPage.description")} />
      <MovementsNav />
      {availability.n8n === "ready" ? (
        <ProjectionsView canWrite={WRITER_ROLES.includes(tenant.role)} currency={profile.currency} />
      ) : (
        <N8nGate state={availability.n8n} isAdmin={ADMIN_ROLES.includes(tenant.role)} />
      )}
    </>
  );
}
