import type { Metadata } from "next";
import Link from "next/link";
import { PromptEditor } from "@/components/ai/prompt-editor";
import { ProviderSettings } from "@/components/ai/provider-settings";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";

export const metadata: Metadata = { title: "IA" };

export default async function IaConfigPage() {
  await requireRole(ADMIN_ROLES);
  return (
    <>
      <PageHeader title="Inteligencia artificial" description="Proveedor compatible con OpenAI, prompts versionados por tarea. La IA es opcional: sin proveedor todo lo demás funciona." />
      <div className="flex flex-col gap-8">
        <p className="text-sm text-slate-600">
          Las sugerencias sobre cada comprobante (cuenta, categoría, alertas) se revisan en{" "}
          <Link href="/ia-config/sugerencias" className="font-medium text-brand-700 underline">
            Sugerencias
          </Link>
          .
        </p>
        <section aria-labelledby="h-provider" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="h-provider" className="mb-4 text-lg font-semibold">
            Proveedor
          </h2>
          <ProviderSettings />
        </section>
        <section aria-labelledby="h-prompts" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <h2 id="h-prompts" className="mb-4 text-lg font-semibold">
            Prompts
          </h2>
          <PromptEditor />
        </section>
      </div>
    </>
  );
}
