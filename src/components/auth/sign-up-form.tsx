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
import { signUpThenIn } from "./sign-up-then-in";
import { hardNavigate } from "@/lib/hard-navigate";

export function SignUpForm() {
  const t = useTranslations("auth");
  const tv = useTranslations("validation");
  const [error, setError] = useState<string | null>(null);
  const schema = z.object({
    name: z.string().trim().min(2, tv("nameMin")),
    email: z.email(tv("email")),
    password: z.string().min(8, tv("passwordMin")),
  });
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema) });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const failed = await signUpThenIn(values);
    if (failed) return setError(t(failed));
    hardNavigate("/organizaciones/nueva");
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t("signUpTitle")}</h1>
      {error && <Alert>{error}</Alert>}
      <TextField label={t("name")} autoComplete="name" error={form.formState.errors.name?.message} {...form.register("name")} />
      <TextField label={t("email")} type="email" autoComplete="email" error={form.formState.errors.email?.message} {...form.register("email")} />
      <TextField label={t("password")} type="password" autoComplete="new-password" error={form.formState.errors.password?.message} {...form.register("password")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("signUp")}
      </Button>
      <p className="text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/ingresar">
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
