import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Entregas de webhooks" };

export default async function DeliveriesPage() {
  await requireRole(ADMIN_ROLES);
  return (
    <>
      <PageHeader
        title="Entregas"
        description="Cada evento enviado a tus endpoints, con cada intento: encabezados, estado HTTP, latencia y respuesta."
        actions={<Link href="/webhooks" className="text-sm text-brand-700 hover:underline">← Volver a Webhooks</Link>}
      />
      <DeliveryLog />
    </>
  );
}
