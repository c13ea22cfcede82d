"use client";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import type { RoleName } from "@/lib/roles";
import { useTRPC } from "@/trpc/client";
import { RoleSelect } from "./role-select";

export type MemberView = { id: string; userId: string; name: string; email: string; role: RoleName; since: Date };
type Props = { members: MemberView[]; actorRole: RoleName; currentUserId: string; canManage: boolean; onChanged: () => void };

function messageOf(e: unknown, fallback: string) {
  return e instanceof TRPCClientError && e.message ? e.message : fallback;
}

export function MembersList({ members, actorRole, currentUserId, canManage, onChanged }: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions());
  const remove = useMutation(trpc.members.remove.mutationOptions());
  const isOwner = actorRole === "OWNER";

  async function onRole(member: MemberView, role: RoleName) {
    setNotice(null);
    try {
      await changeRole.mutateAsync({ membershipId: member.id, role });
      setNotice({ tone: "success", text: t("users.members.roleSaved", { name: member.name, role: t(`roles.${role}`) }) });
    } catch (e) {
      setNotice({ tone: "error", text: messageOf(e, t("auth.errors.generic")) });
    }
    onChanged();
  }

  async function onRemove(member: MemberView) {
    setNotice(null);
    try {
      const { revokedApiClients } = await remove.mutateAsync({ id: member.id });
      const text = t("users.members.removed", { name: member.name });
      setNotice({ tone: "success", text: revokedApiClients > 0 ? `${text} ${t("users.members.clientsRevoked", { count: revokedApiClients })}` : text });
    } catch (e) {
      setNotice({ tone: "error", text: messageOf(e, t("auth.errors.generic")) });
    }
    setConfirming(null);
    onChanged();
  }

  const mayEdit = (m: MemberView) => canManage && m.userId !== currentUserId && (isOwner || m.role !== "OWNER");

  // Only an OWNER touches an OWNER; your own row is read-only (another admin changes it).
  function roleControl(m: MemberView) {
    return mayEdit(m) ? (
      <RoleSelect
        aria-label={t("users.members.roleOf", { name: m.name })}
        allowOwner={isOwner}
        value={m.role}
        className="py-1"
        disabled={changeRole.isPending}
        onChange={(e) => void onRole(m, e.target.value as RoleName)}
      />
    ) : (
      <Badge tone={m.role === "OWNER" ? "amber" : "slate"}>{t(`roles.${m.role}`)}</Badge>
    );
  }

  function removeControl(m: MemberView) {
    if (!mayEdit(m)) return null;
    if (confirming === m.id) {
      return (
        <InlineConfirm
          className="sm:justify-end"
          label={t("users.members.removeLabel", { name: m.name })}
          question={t("users.members.confirmRemove", { name: m.name })}
          confirmLabel={t("users.members.confirmYes")}
          cancelLabel={t("users.members.cancel")}
          pending={remove.isPending}
          onConfirm={() => void onRemove(m)}
          onCancel={() => setConfirming(null)}
        />
      );
    }
    return (
      <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={t("users.members.removeLabel", { name: m.name })} onClick={() => setConfirming(m.id)}>
        {t("users.members.remove")}
      </Button>
    );
  }

  const nameOf = (m: MemberView) => (
    <>
      <span className="font-medium">{m.name}</span> {m.userId === currentUserId && <span className="text-slate-500">({t("users.members.you")})</span>}
    </>
  );

  return (
    <section aria-labelledby="members-title" className="flex flex-col gap-3">
      <h2 id="members-title" className="text-base font-semibold">
        {t("users.members.title")} <span className="font-normal text-slate-500">({members.length})</span>
      </h2>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {/* Phones: one card per member. */}
      <ul aria-label={t("users.members.title")} className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm sm:hidden">
        {members.map((m) => (
          <li key={m.id} className="flex flex-col gap-2 px-4 py-3">
            <div className="min-w-0">
              <p>{nameOf(m)}</p>
              <p className="break-all text-slate-600">{m.email}</p>
              <p className="text-xs text-slate-500">
                {t("members.since")} {format.dateTime(m.since, { dateStyle: "medium" })}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {roleControl(m)}
              {removeControl(m)}
            </div>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block">
        <table className="table-cards min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t("members.name")}</th>
              <th scope="col" className="px-4 py-3">{t("members.email")}</th>
              <th scope="col" className="px-4 py-3">{t("members.role")}</th>
              <th scope="col" className="hidden px-4 py-3 lg:table-cell">{t("members.since")}</th>
              {canManage && (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">{t("users.members.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id} className="align-middle">
                <td className="px-4 py-3">{nameOf(m)}</td>
                <td className="px-4 py-3 text-slate-600" data-label={t("members.email")}>{m.email}</td>
                <td className="px-4 py-3" data-label={t("members.role")}>{roleControl(m)}</td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 lg:table-cell">{format.dateTime(m.since, { dateStyle: "medium" })}</td>
                {canManage && <td className="px-4 py-3 text-right">{removeControl(m)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
