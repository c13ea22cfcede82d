"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { inviteInput } from "@/lib/schemas/invitations";
import { useTRPC } from "@/trpc/client";
import { RoleSelect } from "./role-select";

type Seats = { used: number; limit: number | null; reached: boolean; message: string | null };
type Props = { seats: Seats | undefined; canInviteOwner: boolean; onInvited: () => void };
export type SentInvitation = { email: string; link: string; mailed: boolean; resent?: boolean };

/** The link just created (or renewed): shown so an admin can share it when e-mail does not arrive. */
export function SentInvitationPanel({ sent, onClose }: { sent: SentInvitation; onClose: () => void }) {
  const t = useTranslations("users");
  return (
    <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
      {sent.mailed ? <Alert tone="success">{t(sent.resent ? "pending.resent" : "invite.sent", { email: sent.email })}</Alert> : <Alert>{t("invite.notMailed")}</Alert>}
      <CopyField label={t("invite.link")} value={sent.link} />
      <p className="text-xs text-slate-500">{t("invite.linkHelp", { email: sent.email })}</p>
      <Button variant="secondary" className="self-start px-3 py-1" onClick={onClose}>
        {t("invite.close")}
      </Button>
    </div>
  );
}

export function InviteForm({ seats, canInviteOwner, onInvited }: Props) {
  const t = useTranslations("users.invite");
  const trpc = useTRPC();
  const roleId = useId();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const invite = useMutation(trpc.invitations.create.mutationOptions());
  const form = useForm<z.input<typeof inviteInput>, unknown, z.output<typeof inviteInput>>({ resolver: zodResolver(inviteInput), defaultValues: { email: "", role: "VIEWER" } });
  const blocked = Boolean(seats?.reached);

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    setSent(null);
    try {
      const res = await invite.mutateAsync(values);
      setSent({ email: res.invitation.email, link: res.link, mailed: res.mailed });
      form.reset({ email: "", role: values.role });
    } catch (e) {
      setError(applyServerErrors(e, form.setError, t("failed")));
    } finally {
      onInvited();
    }
  });
  const roleError = form.formState.errors.role?.message;

  return (
    <section aria-labelledby="invite-title" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="invite-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("help")}</p>
      <div className="mt-4 flex flex-col gap-4">
        {blocked && seats?.message && (
          <div role="status" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between">
            <span>{seats.message}</span>
            <Link href="/planes" className="shrink-0 font-medium text-amber-900 underline underline-offset-2">
              {t("seePlans")}
            </Link>
          </div>
        )}
        {error && <Alert>{error}</Alert>}
        {sent && <SentInvitationPanel sent={sent} onClose={() => setSent(null)} />}
        <form onSubmit={submit} noValidate className="flex flex-col gap-3 md:flex-row md:items-start">
          <TextField label={t("email")} type="email" autoComplete="off" placeholder="nombre@estudio.com.ar" className="md:flex-1" disabled={blocked} error={form.formState.errors.email?.message} {...form.register("email")} />
          <div className="flex flex-col gap-1">
            <label htmlFor={roleId} className="text-sm font-medium text-slate-700">
              {t("role")}
            </label>
            <RoleSelect id={roleId} allowOwner={canInviteOwner} disabled={blocked} invalid={Boolean(roleError)} aria-describedby={roleError ? `${roleId}-error` : undefined} {...form.register("role")} />
            {roleError && (
              <p id={`${roleId}-error`} role="alert" className="text-xs font-medium text-red-700">
                {roleError}
              </p>
            )}
          </div>
          <Button type="submit" className="md:mt-6" disabled={blocked || form.formState.isSubmitting}>
            {form.formState.isSubmitting ? t("sending") : t("submit")}
          </Button>
        </form>
        {seats && (
          <p className="text-xs text-slate-500">{seats.limit === null ? t("seatsUnlimited", { used: seats.used }) : t("seats", { used: seats.used, limit: seats.limit })}</p>
        )}
      </div>
    </section>
  );
}
