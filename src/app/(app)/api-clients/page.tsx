import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiClientsAdmin } from "@/components/api-clients/api-clients-admin";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiClients");
  return { title: t("page.title") };
}

export default async function ApiClientsPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.api")} description={t("sections.api")} />
      <ApiClientsAdmin />
    </>
  );
}
