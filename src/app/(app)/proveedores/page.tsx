import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SuppliersDirectory } from "@/components/suppliers/suppliers-directory";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("suppliers");
  return { title: t("title") };
}

export default async function SuppliersPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.proveedores")} description={t("sections.proveedores")} />
      <SuppliersDirectory canWrite={WRITER_ROLES.includes(tenant.role)} />
    </>
  );
}
