import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReference } from "@/components/api-clients/reference/api-reference";
import type { Doc } from "@/components/api-clients/reference/model";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";
import { openApiDocument } from "@/server/public-api/openapi";
import { appOrigin } from "@/server/public-api/urls";

/** The document depends only on APP_URL: built once per process, not on every visit. */
let cached: { origin: string; doc: Doc } | undefined;
function reference(): Doc {
  const origin = appOrigin();
  if (cached?.origin !== origin) cached = { origin, doc: openApiDocument(origin) as Doc };
  return cached.doc;
}

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
        <a href="/api/v1/openapi.json" className="text-slate-700 underline underline-offset-2">
          {t("docs.download")}
        </a>
      </p>
      {/* The same document /api/v1/openapi.json serves, its server URL from APP_URL. */}
      <ApiReference doc={reference()} />
    </>
  );
}
