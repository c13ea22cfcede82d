import type { Metadata } from "next";
import { ProjectionsView } from "@/components/movements/projections-view";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export const metadata: Metadata = { title: "Proyecciones" };

export default async function ProyeccionesPage() {
  const { tenant } = await requireTenant();
  const profile = await (await serverCaller()).movements.profile();
  return (
    <>
      <PageHeader title="Proyecciones" description="Lo que n8n proyecta para tus finanzas: ritmo de gasto, categorías y avance de tus metas, con un resumen de la IA." />
      <MovementsNav />
      <ProjectionsView canWrite={WRITER_ROLES.includes(tenant.role)} currency={profile.currency} />
    </>
  );
}
