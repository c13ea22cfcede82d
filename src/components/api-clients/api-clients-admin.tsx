"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useFormatter } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AdminList, ListStatus, NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { API_SCOPE_LABELS } from "@/lib/schemas/api-clients";
import type { ApiClientView } from "@/server/oauth/manage-clients";
import { useTRPC } from "@/trpc/client";
import { ApiClientForm } from "./client-form";
import { UsageChart } from "./usage-chart";

type Revealed = { client: ApiClientView; clientSecret: string; rotated: boolean };

export function ApiClientsAdmin() {
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

  const chartLabel = usageOf ? `Llamadas por día de ${clients.data?.find((c) => c.id === usageOf)?.name ?? "el cliente"}` : "Llamadas por día de todos los clientes";

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center gap-3">
        {!creating && <Button onClick={() => (setCreating(true), setEditing(null), setNotice(null))}>Nuevo cliente de API</Button>}
        <Link href="/api-clients/docs" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Documentación de la API
        </Link>
        <a href="/api/v1/openapi.json" className="text-sm text-slate-600 underline-offset-2 hover:underline">
          openapi.json
        </a>
      </div>

      {revealed && <SecretPanel revealed={revealed} onDone={() => setRevealed(null)} />}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}

      {creating && (
        <NewItemPanel title="Nuevo cliente de API">
          <ApiClientForm
            submitLabel="Crear cliente"
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
            <EmptyState icon={KeyRound} title="Todavía no hay clientes de API">
              Un cliente de API permite que otro sistema (tu ERP, una app propia o de terceros) use la API de Contaflow: subir comprobantes para procesar y consultar sus datos. Cada cliente tiene su client_id, su secreto y sus permisos.
            </EmptyState>
          )
        }
      />
      <AdminList
        label="Clientes de API"
        items={clients.data ?? []}
        editingId={editing}
        summary={(c) => (
          <ClientSummary
            client={c}
            onEdit={() => (setEditing(editing === c.id ? null : c.id), setCreating(false), setNotice(null))}
            onRotated={(r) => (setRevealed({ ...r, rotated: true }), void refresh())}
            onRevoked={() => (setNotice(`Cliente «${c.name}» revocado: sus tokens dejaron de funcionar.`), void refresh())}
          />
        )}
        editor={(c) => (
          <ApiClientForm
            initial={c}
            submitLabel="Guardar cambios"
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({ id: c.id, ...values });
              setEditing(null);
              setNotice(`Cambios guardados en «${values.name}».`);
              await refresh();
            }}
          />
        )}
      />

      {clients.data && clients.data.length > 0 && (
        <section aria-labelledby="api-usage" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
            <h2 id="api-usage" className="text-base font-semibold">
              Uso de la API (últimos 14 días)
            </h2>
            <label className="flex items-center gap-2 text-sm">
              <span className="text-slate-600">Cliente</span>
              <select className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={usageOf} onChange={(e) => setUsageOf(e.target.value)}>
                <option value="">Todos</option>
                {clients.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {usage.data ? <UsageChart data={usage.data} label={chartLabel} /> : <p className="text-sm text-slate-500">Cargando…</p>}
        </section>
      )}
    </div>
  );
}

function SecretPanel({ revealed, onDone }: { revealed: Revealed; onDone: () => void }) {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <section role="region" aria-labelledby="secret-once" className="flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h2 id="secret-once" className="text-base font-semibold text-amber-900">
        {revealed.rotated ? `Nuevo secreto de «${revealed.client.name}»` : `Cliente «${revealed.client.name}» creado`}
      </h2>
      <p className="text-sm text-amber-900">
        Copiá el secreto ahora y guardalo en un lugar seguro: <strong>no se vuelve a mostrar</strong>. Contaflow solo guarda una huella del secreto.
        {revealed.rotated && " El secreto anterior ya no sirve."}
      </p>
      <CopyField label="client_id" value={revealed.client.clientId} />
      <CopyField label="client_secret" value={revealed.clientSecret} />
      <CopyField label="URL de tokens" value={`${origin}/api/oauth/token`} />
      <div>
        <Button variant="secondary" onClick={onDone}>
          Listo, ya lo guardé
        </Button>
      </div>
    </section>
  );
}

function ClientSummary({ client: c, onEdit, onRotated, onRevoked }: { client: ApiClientView; onEdit: () => void; onRotated: (r: { client: ApiClientView; clientSecret: string }) => void; onRevoked: () => void }) {
  const trpc = useTRPC();
  const format = useFormatter();
  const [confirm, setConfirm] = useState<"rotate" | "revoke" | null>(null);
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
            {revoked ? <Badge tone="red">Revocado</Badge> : <Badge tone="green">Activo</Badge>}
          </div>
          <p className="mt-1 break-all font-mono text-xs text-slate-600">
            <span className="sr-only">client_id: </span>
            {c.clientId} · secreto …{c.secretHint}
          </p>
          {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
          <ul className="mt-2 flex flex-wrap gap-1" aria-label={`Permisos de ${c.name}`}>
            {c.scopes.map((s) => (
              <li key={s}>
                <Badge tone="slate">{API_SCOPE_LABELS[s]?.title ?? s}</Badge>
              </li>
            ))}
          </ul>
          {c.redirectUris.length > 0 && <p className="mt-1 break-all text-xs text-slate-500">Redirección: {c.redirectUris.join(", ")}</p>}
          <p className="mt-1 text-xs text-slate-500">
            Creado {format.dateTime(c.createdAt, { dateStyle: "medium" })} · {c.lastUsedAt ? `último uso ${format.relativeTime(c.lastUsedAt)}` : "sin uso todavía"}
            {c.secretRotatedAt && ` · secreto rotado ${format.relativeTime(c.secretRotatedAt)}`}
            {c.revokedAt && ` · revocado ${format.relativeTime(c.revokedAt)}`}
          </p>
        </div>
        {!revoked &&
          (confirm ? (
            <InlineConfirm
              label={`Confirmar en ${c.name}`}
              question={confirm === "rotate" ? "¿Generar un secreto nuevo? El actual deja de servir." : "¿Revocar este cliente? Sus tokens dejan de funcionar al instante."}
              confirmLabel={confirm === "rotate" ? "Sí, rotar" : "Sí, revocar"}
              pending={rotate.isPending || revoke.isPending}
              onConfirm={() => (confirm === "rotate" ? rotate.mutate({ id: c.id }) : revoke.mutate({ id: c.id }))}
              onCancel={() => setConfirm(null)}
            />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" className="px-3 py-1" aria-label={`Editar ${c.name}`} onClick={onEdit}>
                Editar
              </Button>
              <Button variant="secondary" className="px-3 py-1" aria-label={`Rotar secreto de ${c.name}`} onClick={() => setConfirm("rotate")}>
                Rotar secreto
              </Button>
              <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={`Revocar ${c.name}`} onClick={() => setConfirm("revoke")}>
                Revocar
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
