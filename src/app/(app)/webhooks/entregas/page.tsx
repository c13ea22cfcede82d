import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("deliveriesPage.metaTitle") };
}

export default async function DeliveriesPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations("webhooks");
  return (
    <>
      <PageHeader
        title={t("deliveriesPage.title")}
        description={t("deliveriesPage.description")}
        actions={<Link href="/webhooks" className="text-sm text-brand-700 hover:underline">{t("deliveriesPage.back")}</Link>}
      />
      <DeliveryLog />
    </>
  );
}
