"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { AdminList, ListStatus, NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { ConnectorStats } from "@/components/exports/connector-stats";
import { EmptyState } from "@/components/ui/empty-state";
import { describeCron } from "@/lib/connectors/describe-cron";
import type { ConnectorView } from "@/server/connectors/connector-view";
import type { ConnectorHealth } from "@/server/connectors/health";
import { useTRPC } from "@/trpc/client";
import { ConnectorForm } from "./connector-form";
import { ConnectorHealthBadge } from "./connector-health-badge";
import { PresetGallery } from "./preset-gallery";
import { PresetParametersEditor } from "./preset-parameters-editor";

export function ConnectorsAdmin() {
  const t = useTranslations("connectors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [custom, setCustom] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  // Polled: an export running elsewhere (or a schedule) changes the health while the page is open.
  const health = useQuery({ ...trpc.connectors.health.queryOptions(), refetchInterval: 5000 });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.connectors.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.connectors.health.queryKey() })]);
  const create = useMutation(trpc.connectors.create.mutationOptions());
  const update = useMutation(trpc.connectors.update.mutationOptions());

  return (
    <div className="flex flex-col gap-6">
      {!creating && (
        <div>
          <Button onClick={() => (setCreating(true), setCustom(false), setEditing(null), setNotice(null))}>{t("admin.newConnector")}</Button>
        </div>
      )}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}

      {creating && (
        <NewItemPanel title={t("admin.newConnector")}>
          {!custom ? (
            <PresetGallery
              onCustom={() => setCustom(true)}
              onCancel={() => setCreating(false)}
              onCreated={async (created) => {
                setCreating(false);
                setNotice(`${t("admin.created", { name: created.name })}${created.hasSecret ? ` ${t("admin.secretStored")}` : ""}`);
                await refresh();
              }}
            />
          ) : (
          <ConnectorForm
            submitLabel={t("admin.create")}
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setCreating(false);
              setNotice(`${t("admin.created", { name: created.name })}${created.hasSecret ? ` ${t("admin.secretStored")}` : ""}`);
              await refresh();
            }}
          />
          )}
        </NewItemPanel>
      )}

      <ListStatus
        query={connectors}
        empty={
          !creating && (
            <EmptyState icon={Cable} title={t("admin.emptyTitle")}>
              {t("admin.emptyBody")}
            </EmptyState>
          )
        }
      />
      <AdminList
        label={t("admin.listLabel")}
        items={connectors.data ?? []}
        editingId={editing}
        summary={(c) => <ConnectorSummary connector={c} health={health.data?.[c.id]} onEdit={() => (setEditing(editing === c.id ? null : c.id), setCreating(false), setNotice(null))} onChanged={refresh} />}
        editor={(c) => (
          <div className="flex flex-col gap-8">
            <PresetParametersEditor connector={c} onSaved={() => void refresh()} />
            <ConnectorForm
              connector={c}
              submitLabel={t("admin.saveChanges")}
              onCancel={() => setEditing(null)}
              onSubmit={async (values) => {
                await update.mutateAsync({ id: c.id, data: values });
                setEditing(null);
                setNotice(t("admin.saved", { name: values.name }));
                await refresh();
              }}
            />
          </div>
        )}
      />
    </div>
  );
}

function ConnectorSummary({ connector: c, health, onEdit, onChanged }: { connector: ConnectorView; health: ConnectorHealth | undefined; onEdit: () => void; onChanged: () => void }) {
  const t = useTranslations("connectors");
  const locale = useLocale();
  const trpc = useTRPC();
  const format = useFormatter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showStats, setShowStats] = useState(false);
  const setEnabled = useMutation(trpc.connectors.setEnabled.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.connectors.delete.mutationOptions({ onSuccess: onChanged }));
  const test = useMutation(trpc.connectors.testConnection.mutationOptions({ onSettled: onChanged }));
  const last = c.lastTest;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{c.name}</h3>
            <Badge tone="slate">{t(`summary.direction.${c.direction}`)}</Badge>
            {c.enabled ? <Badge tone="green">{t("summary.active")}</Badge> : <Badge tone="red">{t("summary.disabled")}</Badge>}
          </div>
          <div className="mt-2">
            <ConnectorHealthBadge name={c.name} health={health} />
          </div>
          <p className="mt-1 break-all font-mono text-xs text-slate-600">{c.baseUrl}</p>
          <p className="mt-1 text-xs text-slate-500">
            {t(`summary.auth.${c.authType}`)}
            {c.secretHint && ` · ${t("summary.secret", { hint: c.secretHint })}`}
            {c.pushSchedule && ` · ${t("summary.pushScheduled", { description: describeCron(c.pushSchedule, locale) ?? c.pushSchedule })}`}
            {c.pullSchedule && ` · ${t("summary.pullScheduled", { description: describeCron(c.pullSchedule, locale) ?? c.pullSchedule })}`}
          </p>
          {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
        </div>
        {confirmDelete ? (
          <InlineConfirm
            label={t("summary.confirmDeleteLabel", { name: c.name })}
            question={t("summary.confirmDeleteQuestion")}
            confirmLabel={t("summary.confirmDelete")}
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ id: c.id })}
            onCancel={() => setConfirmDelete(false)}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button className="px-3 py-1" aria-label={t("summary.testLabel", { name: c.name })} disabled={test.isPending} onClick={() => test.mutate({ id: c.id })}>
              {test.isPending ? t("summary.testing") : t("summary.test")}
            </Button>
            <Button variant="secondary" className="px-3 py-1" aria-label={t("summary.editLabel", { name: c.name })} onClick={onEdit}>
              {t("summary.edit")}
            </Button>
            {c.direction !== "PULL" && (
              <Button variant="secondary" className="px-3 py-1" aria-expanded={showStats} aria-label={t("summary.statsLabel", { name: c.name })} onClick={() => setShowStats((v) => !v)}>
                {t("summary.stats")}
              </Button>
            )}
            <Button variant="secondary" className="px-3 py-1" aria-label={t(c.enabled ? "summary.disableLabel" : "summary.enableLabel", { name: c.name })} onClick={() => setEnabled.mutate({ id: c.id, enabled: !c.enabled })}>
              {c.enabled ? t("summary.disable") : t("summary.enable")}
            </Button>
            <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={t("summary.deleteLabel", { name: c.name })} onClick={() => setConfirmDelete(true)}>
              {t("summary.delete")}
            </Button>
          </div>
        )}
      </div>
      {test.error && <p role="alert" className="text-sm text-red-700">{test.error.message}</p>}
      <div aria-label={t("summary.lastTestLabel", { name: c.name })} aria-live="polite" className="text-sm">
        {last ? (
          <p className={last.ok ? "text-green-800" : "text-red-800"}>
            <span className="font-medium">{last.ok ? t("summary.testOk") : t("summary.testFailed")}</span>
            {last.status !== null && ` · HTTP ${last.status}`}
            {last.latencyMs !== null && ` · ${last.latencyMs} ms`}
            {` · ${format.relativeTime(last.at)}`}
            <span className="block text-slate-700">{last.message}</span>
          </p>
        ) : null}
      </div>
      {showStats && <ConnectorStats connectorId={c.id} name={c.name} />}
    </div>
  );
}
