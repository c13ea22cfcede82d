import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { N8nAdmin } from "@/components/n8n/n8n-admin";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("n8n");
  return { title: t("page.title") };
}

export default async function IntegracionesN8nPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.n8n")} description={t("sections.n8n")} />
      <N8nAdmin />
    </>
  );
}
