import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksAdmin } from "@/components/webhooks/webhooks-admin";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("admin.metaTitle") };
}

export default async function WebhooksPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.webhooks")} description={t("sections.webhooks")} />
      <WebhooksAdmin />
    </>
  );
}
