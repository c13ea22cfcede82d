import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DocumentSuggestions } from "@/components/ai/document-suggestions";
import { DocumentReview } from "@/components/documents/document-review";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("pages.detailTitle") };
}

export default async function DocumentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant } = await requireTenant();
  const { id } = await params;
  // Back to the list as it was filtered (the filters travel in the URL).
  const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : []))).toString();
  const t = await getTranslations("documents");
  return (
    <>
      <DocumentReview
        id={id}
        tenantId={tenant.tenantId}
        canWrite={WRITER_ROLES.includes(tenant.role)}
        back={
          <Link href={query ? `/parse?${query}` : "/parse"} className="inline-block text-sm text-brand-700 hover:underline">
            {t("pages.back")}
          </Link>
        }
      />
      <div className="mt-6">
        <DocumentSuggestions documentId={id} canDecide={WRITER_ROLES.includes(tenant.role)} />
      </div>
    </>
  );
}
