import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientsDirectory } from "@/components/clients/clients-directory";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES, WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients");
  return { title: t("title") };
}

export default async function ClientesPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.clientes")} description={t("sections.clientes")} />
      <ClientsDirectory canWrite={WRITER_ROLES.includes(tenant.role)} isAdmin={ADMIN_ROLES.includes(tenant.role)} />
    </>
  );
}
