"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, PlugZap, XCircle } from "lucide-react";
import { useFormatter } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { AI_TASK_LABELS, saveAiProviderInput, type SaveAiProviderInput } from "@/lib/schemas/ai";
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
  const trpc = useTRPC();
  const provider = useQuery(trpc.ai.provider.queryOptions());
  // Kept here: the form below is re-created with the saved values after each save.
  const [notice, setNotice] = useState<string | null>(null);
  if (provider.isPending) return <p className="text-sm text-slate-500">Cargando…</p>;
  if (provider.isError) return <Alert>{provider.error.message}</Alert>;
  return <ProviderForm key={provider.data.updatedAt?.toString() ?? "new"} provider={provider.data} notice={notice} setNotice={setNotice} />;
}

function ProviderForm({ provider, notice, setNotice }: { provider: AiProviderView; notice: string | null; setNotice: (n: string | null) => void }) {
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
      setNotice("Configuración guardada. La API key quedó cifrada y no se vuelve a mostrar.");
      await refresh();
    } catch (e) {
      setError(applyServerErrors(e, form.setError, "No pudimos guardar la configuración"));
    }
  });

  const lastTest = test.data ?? provider.lastTest;
  const keyHint = provider.hasApiKey ? `Guardada: ${provider.apiKeyHint ?? "••••"}. Dejala vacía para conservarla; nunca se vuelve a mostrar.` : "Opcional para servidores locales. Se guarda cifrada.";

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-label="Proveedor de IA">
      {!provider.configured && (
        <Alert tone="info">
          Sin proveedor configurado, Contaflow funciona igual: el parseo usa QR, texto y OCR, y las sugerencias por reglas (duplicados, CUIT inválido, totales, importes inusuales) siguen activas.
        </Alert>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <FormSection title="Proveedor compatible con OpenAI" description="Cualquier API con /chat/completions: OpenAI, Azure OpenAI, OpenRouter, Ollama, vLLM, LM Studio…">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label="URL base" placeholder="https://api.openai.com/v1" autoComplete="off" error={errors.baseUrl?.message} {...form.register("baseUrl")} />
          <TextField label="Modelo" placeholder="gpt-4o-mini" autoComplete="off" error={errors.model?.message} {...form.register("model")} />
          <TextField label="API key" type="password" autoComplete="new-password" hint={keyHint} error={errors.apiKey?.message} {...form.register("apiKey")} />
          <TextField label="Tiempo de espera (segundos)" type="number" min={1} max={120} error={errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
        </div>
        {provider.hasApiKey && (
          <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("clearApiKey")} /> Borrar la API key guardada
          </label>
        )}
      </FormSection>
      <FormSection title="Tareas" description="Apagá una tarea para que no use IA; el resto sigue funcionando.">
        <div className="flex flex-col gap-2">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("extractionEnabled")} /> {AI_TASK_LABELS.extraction}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("classificationEnabled")} /> {AI_TASK_LABELS.classification}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" {...form.register("suggestionsEnabled")} /> {AI_TASK_LABELS.suggestions}
          </label>
        </div>
      </FormSection>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Guardando…" : "Guardar"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={!provider.configured || test.isPending || form.formState.isDirty}
          title={form.formState.isDirty ? "Guardá los cambios antes de probar" : undefined}
          onClick={() => (setNotice(null), test.mutate(undefined, { onSettled: () => void refresh() }))}
        >
          <PlugZap className="h-4 w-4" aria-hidden />
          {test.isPending ? "Probando…" : "Probar conexión"}
        </Button>
        {provider.configured && (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              if (!window.confirm("¿Quitar el proveedor de IA? Las funciones con IA se apagan; el resto sigue funcionando.")) return;
              remove.mutate(undefined, { onSuccess: () => (setNotice("Proveedor quitado: la IA quedó apagada."), void refresh()) });
            }}
          >
            Quitar proveedor
          </Button>
        )}
      </div>
      {test.isError && <Alert>{test.error.message}</Alert>}
      {lastTest && (
        <div role="status" aria-label="Resultado de la prueba" className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
          {lastTest.ok ? <CheckCircle2 className="mt-0.5 h-4 w-4 text-green-600" aria-hidden /> : <XCircle className="mt-0.5 h-4 w-4 text-red-600" aria-hidden />}
          <div className="flex flex-col gap-1">
            <span>
              <Badge tone={lastTest.ok ? "green" : "red"}>{lastTest.ok ? "Conexión correcta" : "Falló la prueba"}</Badge>{" "}
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
