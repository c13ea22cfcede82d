"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { createEndpointInput } from "@/lib/schemas/webhooks";
import { EVENT_TYPES } from "@/server/events/catalog";

type Values = z.input<typeof createEndpointInput>;
/** Submits the raw input (header and filter TEXT): the server parses it with the same schema. */
type Props = { defaultValues?: Partial<Values>; submitLabel: string; onSubmit: (values: Values) => Promise<unknown>; onCancel?: () => void };

export function EndpointForm({ defaultValues, submitLabel, onSubmit, onCancel }: Props) {
  const t = useTranslations("webhooks");
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(createEndpointInput, undefined, { raw: true }),
    defaultValues: { url: "", description: "", eventTypes: [], timeoutSeconds: 15, customHeaders: "", rateLimitPerSecond: "", filter: "", ...defaultValues },
  });
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyServerErrors(e, form.setError, t("endpointForm.saveFailed")));
    }
  });
  const eventsError = form.formState.errors.eventTypes?.message;

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {error && <Alert>{error}</Alert>}
      <TextField label={t("endpointForm.url")} placeholder={t("endpointForm.urlPlaceholder")} error={form.formState.errors.url?.message} {...form.register("url")} />
      <TextField label={t("endpointForm.description")} placeholder={t("endpointForm.descriptionPlaceholder")} error={form.formState.errors.description?.message} {...form.register("description")} />
      <fieldset className="flex flex-col gap-2" aria-describedby={eventsError ? "events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("endpointForm.events")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={type} className="h-4 w-4 rounded border-slate-300" {...form.register("eventTypes")} />
              <code>{type}</code>
            </label>
          ))}
        </div>
        {eventsError && (
          <p id="events-error" role="alert" className="text-xs font-medium text-red-700">
            {eventsError}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("endpointForm.timeout")} type="number" min={5} max={30} error={form.formState.errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
        <TextField label={t("endpointForm.rateLimit")} hint={t("endpointForm.rateLimitHint")} type="number" min={1} max={1000} error={form.formState.errors.rateLimitPerSecond?.message} {...form.register("rateLimitPerSecond")} />
      </div>
      <TextAreaField label={t("endpointForm.filter")} hint={t("endpointForm.filterHint")} rows={2} placeholder="proveedor.cuit = 30-12345678-9" error={form.formState.errors.filter?.message} {...form.register("filter")} />
      <TextAreaField label={t("endpointForm.customHeaders")} hint={t("endpointForm.customHeadersHint")} rows={2} placeholder="X-Origen: contaflow" error={form.formState.errors.customHeaders?.message} {...form.register("customHeaders")} />
      <div className="flex gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("endpointForm.saving") : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("endpointForm.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
