"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Webhook } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCustomHeaders } from "@/lib/webhooks/custom-headers";
import { formatPayloadFilter } from "@/lib/webhooks/payload-filter";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";
import { EndpointBacklog } from "./endpoint-backlog";
import { EndpointForm } from "./endpoint-form";
import { EndpointRowActions } from "./endpoint-row-actions";
import { EndpointTools } from "./endpoint-tools";
import { RotationDialog, type Rotated } from "./rotation-dialog";
import { RotationStatus } from "./rotation-status";
import { SecretReveal } from "./secret-reveal";

export function WebhooksAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const t = useTranslations("webhooks");
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<{ secret: string; token: string; rotated?: Rotated } | null>(null);
  const [rotating, setRotating] = useState<string | null>(null);
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const formValues = (e: EndpointView) => ({
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    timeoutSeconds: e.timeoutSeconds,
    rateLimitPerSecond: e.rateLimitPerSecond ?? "",
    customHeaders: formatCustomHeaders(e.customHeaders),
    filter: formatPayloadFilter(e.filter),
  });

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap gap-3">
        {!creating && <Button onClick={() => setCreating(true)}>{t("admin.newEndpoint")}</Button>}
        <Link href="/webhooks/eventos" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t("admin.eventCatalog")}
        </Link>
        <Link href="/webhooks/entregas" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t("admin.deliveries")}
        </Link>
        <Link href="/webhooks/guia" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          {t("admin.guide")}
        </Link>
      </div>

      {revealed && <SecretReveal {...revealed} onDone={() => setRevealed(null)} />}

      {creating && (
        <section aria-labelledby="new-endpoint" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="new-endpoint" className="mb-4 text-base font-semibold">
            {t("admin.newEndpoint")}
          </h2>
          <EndpointForm
            submitLabel={t("admin.createEndpoint")}
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setCreating(false);
              setRevealed({ secret: created.secret, token: created.token });
              await refresh();
            }}
          />
        </section>
      )}

      {endpoints.isPending && <p className="text-sm text-slate-500">{t("admin.loading")}</p>}
      {endpoints.isError && <p role="alert" className="text-sm text-red-700">{endpoints.error.message}</p>}
      {endpoints.data?.length === 0 && !creating && (
        <EmptyState icon={Webhook} title={t("admin.emptyTitle")}>
          {t("admin.emptyBody")}
        </EmptyState>
      )}
      {endpoints.data && endpoints.data.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label={t("admin.listLabel")}>
          {endpoints.data.map((e) => (
            <li key={e.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
              {editing === e.id ? (
                <section aria-label={t("admin.editEndpoint", { label: e.description || e.url })}>
                  <h2 className="mb-4 text-base font-semibold">{t("admin.editEndpoint", { label: e.description || e.url })}</h2>
                  <EndpointForm
                    defaultValues={formValues(e)}
                    submitLabel={t("admin.saveEndpoint")}
                    onCancel={() => setEditing(null)}
                    onSubmit={async (values) => {
                      await update.mutateAsync({ id: e.id, data: values });
                      setEditing(null);
                      await refresh();
                    }}
                  />
                </section>
              ) : (
              <>
              <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="truncate font-mono text-sm">{e.url}</span>
                  {e.enabled ? <Badge tone="green">{t("admin.active")}</Badge> : <Badge tone="red">{t("admin.disabled")}</Badge>}
                </div>
                {e.description && <p className="text-sm text-slate-600">{e.description}</p>}
                <p className="mt-1 text-xs text-slate-500">
                  {e.eventTypes.join(", ")} · {t("admin.secret", { hint: e.secretHint })} ·{" "}
                  {e.rateLimitPerSecond !== null && `${t("admin.rateLimit", { rate: e.rateLimitPerSecond })} · `}
                  {e.filter.length > 0 && `${t("admin.filtered", { filter: formatPayloadFilter(e.filter).replaceAll("\n", ` ${t("admin.filterAnd")} `) })} · `}
                  {e.health.successRate === null ? t("admin.noDeliveries") : t("admin.successRate", { rate: Math.round(e.health.successRate * 100) })}
                  {e.health.lastDeliveryAt && ` · ${t("admin.lastDelivery", { when: format.relativeTime(e.health.lastDeliveryAt) })}`}
                </p>
                {e.disabledReason && <p className="text-xs text-red-700">{e.disabledReason}</p>}
                <RotationStatus rotationEndsAt={e.rotationEndsAt} contractSwitchAt={e.contractSwitchAt} />
              </div>
              <EndpointRowActions endpoint={e} onChanged={refresh} onRotate={() => setRotating(e.id)} onEdit={() => setEditing(e.id)} />
              </div>
              {rotating === e.id && (
                <RotationDialog
                  endpoint={e}
                  onCancel={() => setRotating(null)}
                  onRotated={(r) => {
                    setRotating(null);
                    setRevealed({ secret: r.secret, token: r.token, rotated: r });
                    void refresh();
                  }}
                />
              )}
              <EndpointBacklog endpoint={e} />
              <EndpointTools endpoint={e} />
              </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
