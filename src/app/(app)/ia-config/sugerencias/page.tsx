import type { Metadata } from "next";
import { SuggestionsReview } from "@/components/ai/suggestions-review";
import { PageHeader } from "@/components/ui/page-header";
import { WRITER_ROLES } from "@/lib/roles";
import { requireTenant } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Sugerencias" };

export default async function SugerenciasPage({ searchParams }: { searchParams: Promise<{ documento?: string }> }) {
  const { tenant } = await requireTenant();
  const { documento } = await searchParams;
  return (
    <>
      <PageHeader
        title="Sugerencias"
        description="Cuenta contable, categoría y alertas sobre tus comprobantes. Las alertas por reglas funcionan sin IA; con un proveedor de IA se suman cuenta y categoría."
      />
      <SuggestionsReview initialDocumentId={documento ?? null} canDecide={WRITER_ROLES.includes(tenant.role)} />
    </>
  );
}
