import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReferenceLoader } from "@/components/api-clients/api-reference-loader";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Documentación de la API" };

export default async function ApiDocsPage() {
  await requireRole(ADMIN_ROLES);
  return (
    <>
      <PageHeader title="Documentación de la API" description="Referencia de la API pública (OpenAPI 3.1): autenticación OAuth 2.0, endpoints, límites y errores." />
      <p className="mb-4 text-sm">
        <Link href="/api-clients" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Clientes de API
        </Link>
        {" · "}
        <a href="/api/v1/openapi.json" className="text-slate-600 underline-offset-2 hover:underline">
          Descargar openapi.json
        </a>
      </p>
      <ApiReferenceLoader />
    </>
  );
}
