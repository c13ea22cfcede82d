"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AdminList, ListStatus, NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { API_CLIENT_GRACE_HOURS, API_SCOPES, DEFAULT_API_CLIENT_GRACE_HOURS } from "@/lib/schemas/api-clients";
import type { ApiClientView } from "@/server/oauth/manage-clients";
import { useTRPC } from "@/trpc/client";
import { ApiClientForm, scopeKey } from "./client-form";
import { UsageChart } from "./usage-chart";

type Revealed = { client: ApiClientView; clientSecret: string; rotated: boolean };

export function ApiClientsAdmin() {
  const t = useTranslations("apiClients");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [usageOf, setUsageOf] = useState<string>("");
  const clients = useQuery(trpc.apiClients.list.queryOptions());
  const usage = useQuery(trpc.apiClients.usage.queryOptions({ id: usageOf || undefined, days: 14 }));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.apiClients.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.apiClients.usage.queryKey() })]);
  const create = useMutation(trpc.apiClients.create.mutationOptions());
  const update = useMutation(trpc.apiClients.update.mutationOptions());

  const chartLabel = usageOf ? t("usage.chartLabelClient", { name: clients.data?.find((c) => c.id === usageOf)?.name ?? t("usage.theClient") }) : t("usage.chartLabelAll");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3">
        {!creating && <Button onClick={() => (setCreating(true), setEditing(null), setNotice(null))}>{t("admin.newClient")}</Button>}
        <Link href="/api-clients/docs" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("admin.docsLink")}
        </Link>
        <a href="/api/v1/openapi.json" className="text-sm text-slate-600 underline-offset-2 hover:underline">
          openapi.json
        </a>
      </div>

      {revealed && <SecretPanel revealed={revealed} onDone={() => setRevealed(null)} />}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}

      {creating && (
        <NewItemPanel title={t("admin.newClient")}>
          <ApiClientForm
            submitLabel={t("admin.createSubmit")}
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setCreating(false);
              setRevealed({ ...created, rotated: false });
              await refresh();
            }}
          />
        </NewItemPanel>
      )}

      <ListStatus
        query={clients}
        empty={
          !creating && (
            <EmptyState icon={KeyRound} title={t("admin.emptyTitle")}>
              {t("admin.emptyBody")}
            </EmptyState>
          )
        }
      />
      <AdminList
        label={t("admin.listLabel")}
        items={clients.data ?? []}
        editingId={editing}
        summary={(c) => (
          <ClientSummary
            client={c}
            onEdit={() => (setEditing(editing === c.id ? null : c.id), setCreating(false), setNotice(null))}
            onRotated={(r) => (setRevealed({ ...r, rotated: true }), void refresh())}
            onRevoked={() => (setNotice(t("admin.revoked", { name: c.name })), void refresh())}
          />
        )}
        editor={(c) => (
          <ApiClientForm
            initial={c}
            submitLabel={t("admin.saveSubmit")}
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({ id: c.id, ...values });
              setEditing(null);
              setNotice(t("admin.saved", { name: values.name }));
              await refresh();
            }}
          />
        )}
      />

      {clients.data && clients.data.length > 0 && (
        <section aria-labelledby="api-usage" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id="api-usage" className="text-base font-semibold">
              {t("usage.title")}
            </h2>
            <label className="flex items-center gap-2 text-sm">
              <span className="text-slate-600">{t("usage.client")}</span>
              <select className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={usageOf} onChange={(e) => setUsageOf(e.target.value)}>
                <option value="">{t("usage.all")}</option>
                {clients.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {usage.data ? <UsageChart data={usage.data} label={chartLabel} /> : <p className="text-sm text-slate-500">{t("admin.loading")}</p>}
        </section>
      )}
    </div>
  );
}

function SecretPanel({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const t = useTranslations("apiClients.secret");
  const format = useFormatter();
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <section role="region" aria-labelledby="secret-once" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h2 id="secret-once" className="text-base font-semibold text-amber-900">
        {t(revealed.rotated ? "rotatedTitle" : "createdTitle", { name: revealed.client.name })}
      </h2>
      <p className="text-sm text-amber-900">
        {t.rich("body", { strong: (chunks) => <strong>{chunks}</strong> })}
        {revealed.rotated &&
          ` ${revealed.client.previousSecretExpiresAt ? t("previousUntil", { when: format.dateTime(revealed.client.previousSecretExpiresAt, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }) }) : t("previousInvalid")}`}
      </p>
      <CopyField label="client_id" value={revealed.client.clientId} />
      <CopyField label="client_secret" value={revealed.clientSecret} />
      <CopyField label={t("tokenUrl")} value={`${origin}/api/oauth/token`} />
      <div>
        <Button variant="secondary" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </section>
  );
}

function ClientSummary({ client: c, onEdit, onRotated, onRevoked }: { client: ApiClientView; onEdit: () => void; onRotated: (r: { client: ApiClientView; clientSecret: string }) => void; onRevoked: () => void }) {
  const t = useTranslations("apiClients");
  const trpc = useTRPC();
  const format = useFormatter();
  const [confirm, setConfirm] = useState<"rotate" | "revoke" | null>(null);
  const [graceHours, setGraceHours] = useState<number>(DEFAULT_API_CLIENT_GRACE_HOURS);
  const rotate = useMutation(trpc.apiClients.rotateSecret.mutationOptions({ onSuccess: (r) => (setConfirm(null), onRotated(r)) }));
  const revoke = useMutation(trpc.apiClients.revoke.mutationOptions({ onSuccess: () => (setConfirm(null), onRevoked()) }));
  const revoked = c.revokedAt !== null;
  const error = rotate.error ?? revoke.error;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{c.name}</h3>
            {revoked ? <Badge tone="red">{t("summary.revoked")}</Badge> : <Badge tone="green">{t("summary.active")}</Badge>}
          </div>
          <p className="mt-1 break-all font-mono text-xs text-slate-600">
            <span className="sr-only">client_id: </span>
            {c.clientId} · {t("summary.secretHint", { hint: c.secretHint })}
          </p>
          {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
          <ul className="mt-2 flex flex-wrap gap-1" aria-label={t("summary.scopesLabel", { name: c.name })}>
            {c.scopes.map((s) => (
              <li key={s}>
                <Badge tone="slate">{(API_SCOPES as readonly string[]).includes(s) ? t(`scopes.${scopeKey(s)}.title`) : s}</Badge>
              </li>
            ))}
          </ul>
          {c.redirectUris.length > 0 && <p className="mt-1 break-all text-xs text-slate-500">{t("summary.redirects", { uris: c.redirectUris.join(", ") })}</p>}
          <p className="mt-1 text-xs text-slate-500">
            {t("summary.created", { date: format.dateTime(c.createdAt, { dateStyle: "medium" }) })} · {c.lastUsedAt ? t("summary.lastUsed", { when: format.relativeTime(c.lastUsedAt) }) : t("summary.neverUsed")}
            {c.secretRotatedAt && ` · ${t("summary.secretRotated", { when: format.relativeTime(c.secretRotatedAt) })}`}
            {c.previousSecretExpiresAt && ` · ${t("summary.previousUntil", { when: format.dateTime(c.previousSecretExpiresAt, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }) })}`}
            {c.revokedAt && ` · ${t("summary.revokedAgo", { when: format.relativeTime(c.revokedAt) })}`}
          </p>
        </div>
        {!revoked &&
          (confirm ? (
            <InlineConfirm
              label={t("summary.confirmLabel", { name: c.name })}
              question={
                confirm === "rotate" ? (
                  <>
                    {t("summary.rotateQuestion")}{" "}
                    <label className="inline-flex items-center gap-1">
                      {t("summary.graceLabel")}
                      <select className="rounded border border-slate-300 px-1 py-0.5 text-sm" value={graceHours} onChange={(e) => setGraceHours(Number(e.target.value))}>
                        {API_CLIENT_GRACE_HOURS.map((h) => (
                          <option key={h} value={h}>
                            {t("summary.graceOption", { hours: h })}
                          </option>
                        ))}
                      </select>
                    </label>
                  </>
                ) : (
                  t("summary.revokeQuestion")
                )
              }
              confirmLabel={t(confirm === "rotate" ? "summary.rotateConfirm" : "summary.revokeConfirm")}
              pending={rotate.isPending || revoke.isPending}
              onConfirm={() => (confirm === "rotate" ? rotate.mutate({ id: c.id, graceHours }) : revoke.mutate({ id: c.id }))}
              onCancel={() => setConfirm(null)}
            />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" className="px-3 py-1" aria-label={t("summary.editLabel", { name: c.name })} onClick={onEdit}>
                {t("summary.edit")}
              </Button>
              <Button variant="secondary" className="px-3 py-1" aria-label={t("summary.rotateLabel", { name: c.name })} onClick={() => setConfirm("rotate")}>
                {t("summary.rotate")}
              </Button>
              <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={t("summary.revokeLabel", { name: c.name })} onClick={() => setConfirm("revoke")}>
                {t("summary.revoke")}
              </Button>
            </div>
          ))}
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      )}
    </div>
  );
}
