"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, PlugZap, XCircle } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { saveAiProviderInput, type SaveAiProviderInput } from "@/lib/schemas/ai";
import type { AiProviderView } from "@/server/ai/provider-config";
import { useTRPC } from "@/trpc/client";

type Output = ReturnType<typeof saveAiProviderInput.parse>;

function defaults(p: AiProviderView): SaveAiProviderInput {
  return {
    baseUrl: p.baseUrl,
    model: p.model,
    apiKey: "",
    clearApiKey: false,
    timeoutSeconds: p.timeoutSeconds,
    extractionEnabled: p.extractionEnabled,
    classificationEnabled: p.classificationEnabled,
    suggestionsEnabled: p.suggestionsEnabled,
  };
}

/** The tenant's OpenAI-compatible provider: URL, model, key (write-only), toggles and "Probar conexión". */
export function ProviderSettings() {
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const provider = useQuery(trpc.ai.provider.queryOptions());
  // Kept here: the form below is re-created with the saved values after each save.
  const [notice, setNotice] = useState<string | null>(null);
  if (provider.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (provider.isError) return <Alert>{provider.error.message}</Alert>;
  return <ProviderForm key={provider.data.updatedAt?.toString() ?? "new"} provider={provider.data} notice={notice} setNotice={setNotice} />;
}

function ProviderForm({ provider, notice, setNotice }: { provider: AiProviderView; notice: string | null; setNotice: (n: string | null) => void }) {
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SaveAiProviderInput, unknown, Output>({ resolver: zodResolver(saveAiProviderInput), defaultValues: defaults(provider) });
  const errors = form.formState.errors;
  const save = useMutation(trpc.ai.saveProvider.mutationOptions());
  const test = useMutation(trpc.ai.testProvider.mutationOptions());
  const remove = useMutation(trpc.ai.deleteProvider.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ai.provider.queryKey() });

  const submit = form.handleSubmit(async (values) => {
    setError(null);
    setNotice(null);
    try {
      await save.mutateAsync(values);
      setNotice(t("provider.saved"));
      await refresh();
    } catch (e) {
      setError(applyServerErrors(e, form.setError, t("provider.saveFailed")));
    }
  });

  const lastTest = test.data ?? provider.lastTest;
  const keyHint = provider.hasApiKey ? t("provider.keyHintSaved", { hint: provider.apiKeyHint ?? "••••" }) : t("provider.keyHintNew");

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label={t("provider.form")}>
      {!provider.configured && (
        <Alert tone="info">
          {t("provider.notConfigured")}
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <FormSection title={t("provider.sectionTitle")} description={t("provider.sectionDescription")}>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label={t("provider.baseUrl")} placeholder="https://api.openai.com/v1" autoComplete="off" error={errors.baseUrl?.message} {...form.register("baseUrl")} />
          <TextField label={t("provider.model")} placeholder="gpt-4o-mini" autoComplete="off" error={errors.model?.message} {...form.register("model")} />
          <TextField label={t("provider.apiKey")} type="password" autoComplete="new-password" hint={keyHint} error={errors.apiKey?.message} {...form.register("apiKey")} />
          <TextField label={t("provider.timeout")} type="number" min={1} max={120} error={errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
        </div>
        {provider.hasApiKey && (
          <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("clearApiKey")} /> {t("provider.clearApiKey")}
          </label>
        )}
      </FormSection>
      <FormSection title={t("provider.tasksTitle")} description={t("provider.tasksDescription")}>
        <div className="flex flex-col gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("extractionEnabled")} /> {t("tasks.extraction")}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("classificationEnabled")} /> {t("tasks.classification")}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("suggestionsEnabled")} /> {t("tasks.suggestions")}
          </label>
        </div>
      </FormSection>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("provider.saving") : t("provider.save")}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={!provider.configured || test.isPending || form.formState.isDirty}
          title={form.formState.isDirty ? t("provider.saveBeforeTest") : undefined}
          onClick={() => (setNotice(null), test.mutate(undefined, { onSettled: () => void refresh() }))}
        >
          <PlugZap className="h-4 w-4" aria-hidden />
          {test.isPending ? t("provider.testing") : t("provider.test")}
        </Button>
        {provider.configured && (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              if (!window.confirm(t("provider.confirmRemove"))) return;
              remove.mutate(undefined, { onSuccess: () => (setNotice(t("provider.removed")), void refresh()) });
            }}
          >
            {t("provider.remove")}
          </Button>
        )}
      </div>
      {test.isError && <Alert>{test.error.message}</Alert>}
      {lastTest && (
        <div role="status" aria-label={t("provider.testResult")} className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
          {lastTest.ok ? <CheckCircle2 className="mt-0.5 h-4 w-4 text-green-600" aria-hidden /> : <XCircle className="mt-0.5 h-4 w-4 text-red-600" aria-hidden />}
          <div className="flex flex-col gap-1">
            <span>
              <Badge tone={lastTest.ok ? "green" : "red"}>{lastTest.ok ? t("provider.testOk") : t("provider.testFailed")}</Badge>{" "}
              {lastTest.latencyMs !== null && <span className="text-slate-500">{format.number(lastTest.latencyMs)} ms</span>}
              {!test.data && provider.lastTest && <span className="text-slate-500"> · {format.relativeTime(provider.lastTest.at)}</span>}
            </span>
            <span className="text-slate-700">{lastTest.message}</span>
          </div>
        </div>
      )}
    </form>
  );
}
