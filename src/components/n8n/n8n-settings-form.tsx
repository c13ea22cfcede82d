"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { saveN8nSettingsInput } from "@/lib/schemas/n8n";
import type { N8nSettingsView } from "@/server/n8n/settings";
import { useTRPC } from "@/trpc/client";

type Values = z.input<typeof saveN8nSettingsInput>;
type Output = z.output<typeof saveN8nSettingsInput>;

/** Base URL, token and signing secret. Secrets are write-only: empty keeps the saved one. */
export function N8nSettingsForm({ settings }: { settings: N8nSettingsView }) {
  const t = useTranslations("n8n.settingsForm");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const save = useMutation(trpc.n8n.saveSettings.mutationOptions());
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(saveN8nSettingsInput),
    defaultValues: { baseUrl: settings.baseUrl, token: "", signingSecret: "", timeoutSeconds: settings.timeoutSeconds, enabled: settings.enabled },
  });
  const errors = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await save.mutateAsync(values);
      form.reset({ ...values, token: "", signingSecret: "" });
      setMessage({ tone: "success", text: t("saved") });
      await queryClient.invalidateQueries({ queryKey: trpc.n8n.settings.queryKey() });
    } catch (e) {
      const text = applyServerErrors(e, form.setError, t("saveFailed"));
      if (text) setMessage({ tone: "error", text });
    }
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label={t("label")}>
      <FormSection title={t("connection")} description={t("connectionDescription")}>
        <TextField label={t("baseUrl")} placeholder={t("baseUrlPlaceholder")} autoComplete="off" {...form.register("baseUrl")} error={errors.baseUrl?.message} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("token")}
            type="password"
            autoComplete="new-password"
            {...form.register("token")}
            error={errors.token?.message}
            hint={settings.tokenHint ? t("savedHint", { hint: settings.tokenHint }) : t("tokenHint")}
          />
          <TextField
            label={t("signingSecret")}
            type="password"
            autoComplete="new-password"
            {...form.register("signingSecret")}
            error={errors.signingSecret?.message}
            hint={settings.signingSecretHint ? t("savedHint", { hint: settings.signingSecretHint }) : t("secretHint")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("timeout")} type="number" min={1} max={120} {...form.register("timeoutSeconds")} error={errors.timeoutSeconds?.message} />
          <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
            <input type="checkbox" className="h-4 w-4" {...form.register("enabled")} />
            {t("enabled")}
          </label>
        </div>
      </FormSection>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
