"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { authClient } from "@/lib/auth-client";
import { authErrorKey } from "./auth-error";

export function ResetPasswordForm({ token }: { token: string | null }) {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const [state, setState] = useState<{ done?: boolean; error?: string }>({});
  const schema = z.object({ newPassword: z.string().min(8, tv("passwordMin")) });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema) });

  if (!token) return <Alert>{t("resetMissingToken")}</Alert>;

  const onSubmit = form.handleSubmit(async ({ newPassword }) => {
    const res = await authClient.resetPassword({ newPassword, token });
    setState(res.error ? { error: t(`errors.${authErrorKey(res.error)}`) } : { done: true });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t("resetTitle")}</h1>
      {state.done && <Alert tone="success">{t("resetDone")}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <TextField label={t("newPassword")} type="password" autoComplete="new-password" error={form.formState.errors.newPassword?.message} {...form.register("newPassword")} />
      <Button type="submit" disabled={form.formState.isSubmitting || state.done}>
        {t("resetSave")}
      </Button>
      <Link className="text-sm text-brand-700 underline-offset-2 hover:underline" href="/ingresar">
        {t("signIn")}
      </Link>
    </form>
  );
}
