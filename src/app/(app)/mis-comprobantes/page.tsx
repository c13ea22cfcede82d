import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Reconciliation } from "@/components/mis-comprobantes/reconciliation";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("misComprobantes");
  return { title: t("title") };
}

/** Reconciliation with ARCA's «Mis Comprobantes Recibidos» (CONTADOR and above). `?import=` opens one import. */
export default async function MisComprobantesPage({ searchParams }: { searchParams: Promise<{ import?: string }> }) {
  const { tenant } = await requireRole(WRITER_ROLES);
  const t = await getTranslations();
  const { import: importId } = await searchParams;
  return (
    <>
      <PageHeader title={t("nav.misComprobantes")} description={t("sections.misComprobantes")} />
      <Reconciliation tenantId={tenant.tenantId} initialImportId={typeof importId === "string" && importId.length < 64 ? importId : undefined} />
    </>
  );
}
