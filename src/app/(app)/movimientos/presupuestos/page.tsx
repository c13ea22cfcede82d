import type { Metadata } from "next";
import { FinanceSettings } from "@/components/movements/finance-settings";
import { MovementsNav } from "@/components/movements/sub-nav";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Presupuestos y alertas" };

export default async function PresupuestosPage() {
  const { tenant } = await requireTenant();
  return (
    <>
      <PageHeader title="Presupuestos y alertas" description="Tus presupuestos, reglas de alerta, metas y bancos. Cada cambio se sincroniza con n8n." />
      <MovementsNav />
      <FinanceSettings canWrite={WRITER_ROLES.includes(tenant.role)} />
    </>
  );
}
