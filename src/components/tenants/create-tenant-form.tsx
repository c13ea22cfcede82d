"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
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
import { hardNavigate } from "@/lib/hard-navigate";

// The form edits strings; an empty slug means "generate one".
const formSchema = createTenantInput.extend({ slug: z.union([z.literal(""), createTenantInput.shape.slug.unwrap()]).optional() });
type FormValues = z.input<typeof formSchema>;

export function CreateTenantForm() {
  const t = useTranslations("tenant");
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  // No defaultValues: react-hook-form then reads the inputs, so what was typed before hydration stays.
  const form = useForm<FormValues>({ resolver: zodResolver(formSchema) });
  const create = useMutation(trpc.tenant.create.mutationOptions());

  const onSubmit = form.handleSubmit(async ({ name, slug }) => {
    setError(null);
    try {
      await create.mutateAsync({ name, slug: slug || undefined }); // also makes it the active tenant
      hardNavigate("/panel");
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
      {/* The slug is developer talk: generated from the name unless someone opens "advanced". */}
      <details open={form.formState.errors.slug ? true : undefined} className="rounded-md border border-slate-200 px-3 py-2">
        <summary className="cursor-pointer text-sm text-slate-700">{t("advanced")}</summary>
        <div className="mt-3">
          <TextField label={t("slug")} hint={t("slugHelp")} error={form.formState.errors.slug?.message} {...form.register("slug")} />
        </div>
      </details>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("create")}
      </Button>
    </form>
  );
}
