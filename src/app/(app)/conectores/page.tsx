import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ConnectorsAdmin } from "@/components/connectors/connectors-admin";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("connectors");
  return { title: t("page.title") };
}

export default async function ConectoresPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.conectores")} description={t("sections.conectores")} />
      <ConnectorsAdmin />
    </>
  );
}
