"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SuccessNotice } from "@/components/ui/admin-list";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

type Member = { membershipId: string; name: string; email: string; role: string; limited: boolean; clientIds: string[] };

/** Admins: which clients each member sees ("todos" or a chosen few). Owners and admins always see all. */
export function MemberClientLimits({ clients }: { clients: { id: string; razonSocial: string }[] }) {
  const t = useTranslations("clients");
  const trpc = useTRPC();
  const members = useQuery(trpc.clients.memberLimits.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="limites" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="limites" className="text-base font-semibold">{t("limits.title")}</h2>
      <p className="max-w-3xl text-sm text-slate-600">{t("limits.help")}</p>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {members.data
        ?.filter((m) => m.role !== "OWNER" && m.role !== "ADMIN")
        .map((m) => <MemberRow key={`${m.membershipId}-${m.limited}-${m.clientIds.join()}`} member={m} clients={clients} onSaved={setNotice} />)}
      {members.data && !members.data.some((m) => m.role !== "OWNER" && m.role !== "ADMIN") && <p className="text-sm text-slate-500">{t("limits.none")}</p>}
    </section>
  );
}

function MemberRow({ member, clients, onSaved }: { member: Member; clients: { id: string; razonSocial: string }[]; onSaved: (m: string) => void }) {
  const t = useTranslations("clients");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [limited, setLimited] = useState(member.limited);
  const [ids, setIds] = useState(new Set(member.clientIds));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.clients.setMemberClients.mutationOptions());
  return (
    <fieldset className="rounded-lg border border-slate-200 p-3 text-sm">
      <legend className="px-1 font-medium">{member.name} · {member.email}</legend>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} />
        {t("limits.limited")}
      </label>
      {limited && (
        <div className="mt-2 flex flex-wrap gap-3">
          {clients.map((c) => (
            <label key={c.id} className="flex items-center gap-1">
              <input type="checkbox" checked={ids.has(c.id)} onChange={(e) => setIds((s) => (e.target.checked ? new Set([...s, c.id]) : new Set([...s].filter((x) => x !== c.id))))} />
              {c.razonSocial}
            </label>
          ))}
        </div>
      )}
      {error && <p role="alert" className="text-red-700">{error}</p>}
      <Button
        type="button"
        variant="secondary"
        className="mt-2 px-2 py-1"
        onClick={async () => {
          setError(null);
          try {
            await save.mutateAsync({ membershipId: member.membershipId, limited, clientIds: [...ids] });
            onSaved(t("limits.saved", { name: member.name }));
            await queryClient.invalidateQueries({ queryKey: trpc.clients.memberLimits.queryKey() });
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          }
        }}
      >
        {t("limits.save")}
      </Button>
    </fieldset>
  );
}
