import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireTenant } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export const metadata: Metadata = { title: "Usuarios" };

export default async function UsuariosPage() {
  await requireTenant();
  const [t, format, members] = await Promise.all([getTranslations(), getFormatter(), (await serverCaller()).members.list()]);
  return (
    <>
      <PageHeader title={t("nav.usuarios")} description={t("sections.usuarios")} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t("members.name")}</th>
              <th scope="col" className="px-4 py-3">{t("members.email")}</th>
              <th scope="col" className="px-4 py-3">{t("members.role")}</th>
              <th scope="col" className="px-4 py-3">{t("members.since")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-3 font-medium">{m.name}</td>
                <td className="px-4 py-3 text-slate-600">{m.email}</td>
                <td className="px-4 py-3">{t(`roles.${m.role}`)}</td>
                <td className="px-4 py-3 text-slate-600">{format.dateTime(m.since, { dateStyle: "medium" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
