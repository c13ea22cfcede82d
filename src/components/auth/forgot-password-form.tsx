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

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const [state, setState] = useState<{ sent?: boolean; error?: string }>({});
  const schema = z.object({ email: z.email(tv("email")) });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema) });

  const onSubmit = form.handleSubmit(async ({ email }) => {
    const res = await authClient.requestPasswordReset({ email, redirectTo: "/restablecer" });
    setState(res.error ? { error: t(`errors.${authErrorKey(res.error)}`) } : { sent: true });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t("forgotTitle")}</h1>
      <p className="text-sm text-slate-600">{t("forgotHelp")}</p>
      {state.sent && <Alert tone="success">{t("forgotSent")}</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <TextField label={t("email")} type="email" autoComplete="email" error={form.formState.errors.email?.message} {...form.register("email")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("forgotSend")}
      </Button>
      <Link className="text-sm text-brand-700 underline-offset-2 hover:underline" href="/ingresar">
        {t("signIn")}
      </Link>
    </form>
  );
}
