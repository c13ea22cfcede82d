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
import { hardNavigate } from "@/lib/hard-navigate";

export function SignInForm({ notice }: { notice?: string }) {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const [error, setError] = useState<string | null>(null);
  const schema = z.object({ email: z.email(tv("email")), password: z.string().min(1, tv("passwordMin")) });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema) });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const res = await authClient.signIn.email(values);
    if (res.error) return setError(t(`errors.${authErrorKey(res.error)}`));
    hardNavigate("/panel");
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t("signInTitle")}</h1>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      <TextField label={t("email")} type="email" autoComplete="email" error={form.formState.errors.email?.message} {...form.register("email")} />
      <TextField label={t("password")} type="password" autoComplete="current-password" error={form.formState.errors.password?.message} {...form.register("password")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("signIn")}
      </Button>
      <div className="flex flex-col gap-1 text-sm text-slate-600 sm:flex-row sm:justify-between">
        <Link className="text-brand-700 underline-offset-2 hover:underline" href="/recuperar">
          {t("forgot")}
        </Link>
        <span>
          {t("noAccount")}{" "}
          <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/registro">
            {t("signUp")}
          </Link>
        </span>
      </div>
    </form>
  );
}
