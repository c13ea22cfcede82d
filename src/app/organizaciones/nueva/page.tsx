import type { Metadata } from "next";
import { CreateTenantForm } from "@/components/tenants/create-tenant-form";
import { requireUser } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Nueva organización" };

export default async function NewTenantPage() {
  await requireUser();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <CreateTenantForm />
      </div>
    </main>
  );
}
