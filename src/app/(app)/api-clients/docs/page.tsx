import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReferenceLoader } from "@/components/api-clients/api-reference-loader";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiClients");
  return { title: t("docs.title") };
}

export default async function ApiDocsPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations("apiClients");
  return (
    <>
      <PageHeader title={t("docs.title")} description={t("docs.description")} />
      <p className="mb-4 text-sm">
        <Link href="/api-clients" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("docs.backToClients")}
        </Link>
        {" · "}
        <a href="/api/v1/openapi.json" className="text-slate-600 underline-offset-2 hover:underline">
          {t("docs.download")}
        </a>
      </p>
      <ApiReferenceLoader />
    </>
  );
}
