"use client";
import { useFormatter, useTranslations } from "next-intl";
import { ROLES, type RoleName } from "@/lib/roles";

export type AuditView = {
  id: string;
  action: "MEMBER_INVITED" | "INVITATION_RESENT" | "INVITATION_REVOKED" | "INVITATION_ACCEPTED" | "MEMBER_ROLE_CHANGED" | "MEMBER_REMOVED" | "PLAN_CHANGED" | "DOCUMENT_REVIEWED" | "DOCUMENT_DISCARDED" | "DOCUMENT_NOT_DUPLICATE" | "SUPPLIER_SAVED" | "SUPPLIER_DELETED" | "CLIENT_SAVED" | "CLIENT_DELETED" | "MEMBER_CLIENTS_CHANGED" | "LIBRO_IVA_GENERATED" | "WEBHOOK_ENDPOINT_UPDATED" | "TENANT_RENAMED" | "TENANT_TIME_ZONE_CHANGED";
  actorName: string;
  actorEmail: string;
  targetName: string | null;
  targetEmail: string | null;
  oldValue: string | null;
  newValue: string | null;
  createdAt: Date;
};

export function AuditLog({ entries }: { entries: AuditView[] }) {
  const t = useTranslations();
  const format = useFormatter();
  // Membership entries hold role keys; plan changes hold plan names.
  const value = (v: string | null) => (v && (ROLES as readonly string[]).includes(v) ? t(`roles.${v as RoleName}`) : (v ?? ""));
  return (
    <section aria-labelledby="audit-title" className="flex flex-col gap-3">
      <div>
        <h2 id="audit-title" className="text-base font-semibold">
          {t("users.audit.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("users.audit.help")}</p>
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{t("users.audit.empty")}</p>
      ) : (
        <ol aria-label={t("users.audit.title")} className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {entries.map((e) => (
            <li key={e.id} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
              <span className="min-w-0 break-words">
                {t(`users.audit.${e.action}`, {
                  actor: e.actorName,
                  target: e.targetName ? (e.targetEmail ? `${e.targetName} (${e.targetEmail})` : e.targetName) : (e.targetEmail ?? ""),
                  old: value(e.oldValue),
                  new: value(e.newValue),
                })}
              </span>
              <time dateTime={e.createdAt.toISOString()} className="shrink-0 text-xs text-slate-500">
                {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" })}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
