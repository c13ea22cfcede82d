import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { RECEIVER_SNIPPETS } from "@/components/webhooks/receiver-snippets";
import { SignatureChecker } from "@/components/webhooks/signature-checker";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";
import { TEST_VECTOR } from "@/server/webhooks/test-vectors";

export const metadata: Metadata = { title: "Guía para receptores" };

const HEADERS: [string, string][] = [
  ["webhook-id / X-Request-Id", "Identificador único del mensaje; igual en todos los reintentos. Usalo para descartar duplicados."],
  ["webhook-timestamp / X-Timestamp", "Momento del envío (segundos Unix / ISO 8601). Rechazá diferencias de más de 5 minutos."],
  ["webhook-signature", "v1,<base64> — HMAC-SHA256 de «id.timestamp.cuerpo» con la clave = base64 después de whsec_ (Standard Webhooks). Durante una rotación viaja una firma por secreto, separadas por espacio."],
  ["X-Signature", "HMAC-SHA256 en hexadecimal del cuerpo crudo, con el secreto tal cual se mostró."],
  ["X-Webhook-Token", "Token estático para receptores que solo comparan un encabezado."],
  ["X-Webhook-Event / X-Webhook-Attempt", "Tipo de evento y número de intento (1, 2, …)."],
];

export default async function ReceiverGuidePage() {
  await requireRole(ADMIN_ROLES);
  return (
    <>
      <PageHeader
        title="Guía para receptores"
        description="Cómo verificar que un webhook viene de Contaflow, en cualquier lenguaje. Respondé 2xx para confirmar; cualquier otra respuesta se reintenta."
        actions={<Link href="/webhooks" className="text-sm text-brand-700 hover:underline">← Volver a Webhooks</Link>}
      />
      <section aria-labelledby="h-headers" className="mb-8">
        <h2 id="h-headers" className="mb-2 text-lg font-semibold">Encabezados</h2>
        <dl className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {HEADERS.map(([name, text]) => (
            <div key={name} className="grid gap-1 px-4 py-3 sm:grid-cols-[16rem_1fr]">
              <dt className="font-mono text-sm">{name}</dt>
              <dd className="text-sm text-slate-700">{text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="h-code" className="mb-8 flex flex-col gap-4">
        <h2 id="h-code" className="text-lg font-semibold">Código para copiar</h2>
        {RECEIVER_SNIPPETS.map((s) => (
          <div key={s.id}>
            <h3 className="mb-1 text-sm font-semibold">{s.title}</h3>
            <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{s.code}</pre>
          </div>
        ))}
      </section>
      <section aria-labelledby="h-vectors" className="mb-8">
        <h2 id="h-vectors" className="mb-2 text-lg font-semibold">Vectores de prueba</h2>
        <p className="mb-2 text-sm text-slate-600">Tu implementación debe reproducir exactamente estas firmas.</p>
        <pre className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(TEST_VECTOR, null, 2)}</pre>
      </section>
      <section aria-labelledby="h-check" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="h-check" className="mb-1 text-lg font-semibold">Verificador de firmas</h2>
        <p className="mb-4 text-sm text-slate-600">Pegá lo que recibió tu sistema y te decimos exactamente por qué la firma no coincide. No guardamos nada.</p>
        <SignatureChecker />
      </section>
    </>
  );
}
