"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { authClient } from "@/lib/auth-client";
import { authErrorKey } from "./auth-error";

/** The server always ends the user's other sessions on a password change (auth/hygiene.ts). */
export function ChangePasswordForm() {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const [state, setState] = useState<{ done?: boolean; error?: string }>({});
  const schema = z
    .object({ currentPassword: z.string().min(1, tv("passwordMin")), newPassword: z.string().min(8, tv("passwordMin")), confirm: z.string() })
    .refine((v) => v.newPassword === v.confirm, { path: ["confirm"], message: t("account.mismatch") });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema) });

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setState({});
    const res = await authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: true });
    if (res.error) return setState({ error: t(`errors.${authErrorKey(res.error)}`) });
    form.reset();
    setState({ done: true });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {state.done && <Alert tone="success">{t("account.passwordChanged")}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <TextField label={t("account.currentPassword")} type="password" autoComplete="current-password" error={form.formState.errors.currentPassword?.message} {...form.register("currentPassword")} />
      <TextField label={t("newPassword")} type="password" autoComplete="new-password" error={form.formState.errors.newPassword?.message} {...form.register("newPassword")} />
      <TextField label={t("account.confirmPassword")} type="password" autoComplete="new-password" error={form.formState.errors.confirm?.message} {...form.register("confirm")} />
      <Button type="submit" disabled={form.formState.isSubmitting} className="self-start">
        {t("account.changePassword")}
      </Button>
    </form>
  );
}
