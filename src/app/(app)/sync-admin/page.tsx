import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SyncAdmin } from "@/components/sync/sync-admin";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sync");
  return { title: t("page.title") };
}

export default async function SyncAdminPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.sync")} description={t("sections.sync")} />
      <SyncAdmin />
    </>
  );
}
