import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { DocumentsList } from "@/components/documents/documents-list";
import { UploadDropzone } from "@/components/documents/upload-dropzone";
import { PageHeader } from "@/components/ui/page-header";
import { env } from "@/env";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("pages.listTitle") };
}

export default async function ParsePage() {
  const { tenant } = await requireTenant();
  const t = await getTranslations();
  const canWrite = WRITER_ROLES.includes(tenant.role);
  return (
    <>
      <PageHeader title={t("nav.parse")} description={t("sections.parse")} />
      <div className="flex flex-col gap-8">
        {canWrite && <UploadDropzone tenantId={tenant.tenantId} maxMb={env().UPLOAD_MAX_MB} />}
        <Suspense>
          <DocumentsList canWrite={canWrite} />
        </Suspense>
      </div>
    </>
  );
}
