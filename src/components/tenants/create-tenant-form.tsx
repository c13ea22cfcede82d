"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { createTenantInput } from "@/lib/schemas/tenant";
import { useTRPC } from "@/trpc/client";

// The form edits strings; an empty slug means "generate one".
const formSchema = createTenantInput.extend({ slug: z.union([z.literal(""), createTenantInput.shape.slug.unwrap()]).optional() });
type FormValues = z.input<typeof formSchema>;

export function CreateTenantForm() {
  const t = useTranslations("tenant");
  const trpc = useTRPC();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name: "", slug: "" } });
  const create = useMutation(trpc.tenant.create.mutationOptions());

  const onSubmit = form.handleSubmit(async ({ name, slug }) => {
    setError(null);
    try {
      await create.mutateAsync({ name, slug: slug || undefined }); // also makes it the active tenant
      router.push("/panel");
      router.refresh();
    } catch (e) {
      setError(applyServerErrors(e, form.setError, "No pudimos crear la organización"));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{t("createTitle")}</h1>
      <p className="text-sm text-slate-600">{t("createHelp")}</p>
      {error && <Alert>{error}</Alert>}
      <TextField label={t("name")} autoComplete="organization" error={form.formState.errors.name?.message} {...form.register("name")} />
      <TextField label={t("slug")} hint={t("slugHelp")} error={form.formState.errors.slug?.message} {...form.register("slug")} />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("create")}
      </Button>
    </form>
  );
}
