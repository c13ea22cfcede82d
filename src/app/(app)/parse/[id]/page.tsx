import type { Metadata } from "next";
import Link from "next/link";
import { DocumentSuggestions } from "@/components/ai/document-suggestions";
import { DocumentReview } from "@/components/documents/document-review";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Documento" };

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { tenant } = await requireTenant();
  const { id } = await params;
  return (
    <>
      <Link href="/parse" className="mb-3 inline-block text-sm text-brand-700 hover:underline">
        ← Volver a Documentos
      </Link>
      <DocumentReview id={id} tenantId={tenant.tenantId} canWrite={WRITER_ROLES.includes(tenant.role)} />
      <div className="mt-6">
        <DocumentSuggestions documentId={id} canDecide={WRITER_ROLES.includes(tenant.role)} />
      </div>
    </>
  );
}
