import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LibroIva } from "@/components/libro-iva/libro-iva";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients.libro");
  return { title: t("title") };
}

export default async function LibroIvaPage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t("nav.libroIva")} description={t("sections.libroIva")} />
      <Suspense>
        <LibroIva canWrite={WRITER_ROLES.includes(tenant.role)} />
      </Suspense>
    </>
  );
}
