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
import { SentInvitationPanel, type SentInvitation } from "./invite-form";

export type InvitationView = { id: string; email: string; role: RoleName; status: "PENDING" | "EXPIRED"; expiresAt: Date; invitedByName: string | null };
type Props = { invitations: InvitationView[]; canInviteOwner: boolean; onChanged: () => void };

export function PendingInvitations({ invitations, canInviteOwner, onChanged }: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const resend = useMutation(trpc.invitations.resend.mutationOptions());
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions());

  async function run(action: () => Promise<void>) {
    setNotice(null);
    setSent(null);
    try {
      await action();
    } catch (e) {
      setNotice({ tone: "error", text: e instanceof TRPCClientError && e.message ? e.message : t("auth.errors.generic") });
    }
    setConfirming(null);
    onChanged();
  }

  return (
    <section aria-labelledby="invitations-title" className="flex flex-col gap-3">
      <h2 id="invitations-title" className="text-base font-semibold">
        {t("users.pending.title")}
      </h2>
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      {sent && <SentInvitationPanel sent={sent} onClose={() => setSent(null)} />}
      {invitations.length === 0 ? (
        <p className="text-sm text-slate-500">{t("users.pending.empty")}</p>
      ) : (
        <ul aria-label={t("users.pending.title")} className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {invitations.map((inv) => {
            const mayManage = canInviteOwner || inv.role !== "OWNER";
            return (
              <li key={inv.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="break-all text-sm font-medium">{inv.email}</span>
                    <Badge>{t(`roles.${inv.role}`)}</Badge>
                    <Badge tone={inv.status === "PENDING" ? "amber" : "red"}>{t(`users.pending.${inv.status}`)}</Badge>
                  </div>
                  <p className="text-xs text-slate-500">
                    {t(inv.status === "PENDING" ? "users.pending.expires" : "users.pending.expired", { date: format.relativeTime(inv.expiresAt) })}
                    {inv.invitedByName && ` · ${t("users.pending.invitedBy", { name: inv.invitedByName })}`}
                  </p>
                </div>
                {mayManage && confirming === inv.id && (
                  <InlineConfirm
                    label={t("users.pending.revokeLabel", { email: inv.email })}
                    question={t("users.pending.confirmRevoke", { email: inv.email })}
                    confirmLabel={t("users.pending.confirmYes")}
                    cancelLabel={t("users.members.cancel")}
                    pending={revoke.isPending}
                    onConfirm={() =>
                      void run(async () => {
                        await revoke.mutateAsync({ id: inv.id });
                        setNotice({ tone: "success", text: t("users.pending.revoked", { email: inv.email }) });
                      })
                    }
                    onCancel={() => setConfirming(null)}
                  />
                )}
                {mayManage && confirming !== inv.id && (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      variant="secondary"
                      className="px-3 py-1"
                      aria-label={t("users.pending.resendLabel", { email: inv.email })}
                      disabled={resend.isPending}
                      onClick={() =>
                        void run(async () => {
                          const res = await resend.mutateAsync({ id: inv.id });
                          setSent({ email: inv.email, link: res.link, mailed: res.mailed, resent: true });
                        })
                      }
                    >
                      {t("users.pending.resend")}
                    </Button>
                    <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={t("users.pending.revokeLabel", { email: inv.email })} onClick={() => setConfirming(inv.id)}>
                      {t("users.pending.revoke")}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
