import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";
import { serverCaller } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("eventsPage.title") };
}

export default async function EventCatalogPage() {
  await requireRole(ADMIN_ROLES);
  const t = await getTranslations("webhooks");
  const events = await (await serverCaller()).webhooks.eventCatalog();
  return (
    <>
      <PageHeader
        title={t("eventsPage.title")}
        description={t("eventsPage.description")}
        actions={
          <Link href="/webhooks" className="text-sm text-brand-700 hover:underline">
            {t("eventsPage.back")}
          </Link>
        }
      />
      <div className="flex flex-col gap-4">
        {events.map((e) => (
          <section key={e.type} aria-labelledby={`ev-${e.type}`} className="rounded-xl border border-slate-200 bg-white p-5">
            <h2 id={`ev-${e.type}`} className="font-mono text-base font-semibold">
              {e.type} <span className="ml-2 align-middle text-xs font-normal text-slate-500">v{e.version}</span>
            </h2>
            <p className="mt-1 text-sm text-slate-700">{e.description}</p>
            <p className="mt-1 text-xs text-slate-500">{t("eventsPage.emitted", { when: e.emittedWhen })}</p>
            <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{t("eventsPage.example")}</h3>
            <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(e.sample, null, 2)}</pre>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm text-brand-700">{t("eventsPage.jsonSchema")}</summary>
              <pre className="mt-1 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(e.jsonSchema, null, 2)}</pre>
            </details>
          </section>
        ))}
      </div>
    </>
  );
}
