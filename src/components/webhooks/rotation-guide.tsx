import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { formatInstant as instantIn } from "@/lib/format";
import { db } from "@/server/db/client";
import { rotationEndsAt } from "@/server/webhooks/rotation/endpoint-keys";

/**
 * The receiver guide's rotation section: what each header family does after "Rotar secreto",
 * and, for every endpoint of the organization with a rotation in progress, the exact instants.
 */
export async function RotationGuide({ tenantId }: { tenantId: string }) {
  const t = await getTranslations("webhooks.guide.rotation");
  const [locale, timeZone] = await Promise.all([getLocale(), getTimeZone()]);
  const formatInstant = (at: Date) => instantIn(at, timeZone, locale);
  const now = new Date();
  const endpoints = await db().webhookEndpoint.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
  const rows = endpoints
    .map((e) => ({ id: e.id, label: e.description || e.url, ends: rotationEndsAt(e, now), switchAt: e.contractSwitchAt }))
    .filter((r) => r.ends || (r.switchAt && r.switchAt > now));
  return (
    <section aria-labelledby="h-rotation" className="mb-8">
      <h2 id="h-rotation" className="mb-2 text-lg font-semibold">{t("title")}</h2>
      <ul className="mb-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>{t("standard")}</li>
        <li>{t("contract")}</li>
        <li>{t("retireNow")}</li>
      </ul>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm" aria-label={t("inProgress")}>
          {rows.map((r) => (
            <li key={r.id} className="px-4 py-3">
              <p className="font-mono">{r.label}</p>
              {r.ends && <p>{t("endsAt", { at: formatInstant(r.ends) })}</p>}
              {r.switchAt && <p>{r.switchAt > now ? t("switchAt", { at: formatInstant(r.switchAt) }) : t("switchedAt", { at: formatInstant(r.switchAt) })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
