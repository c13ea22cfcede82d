"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTimeZone, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { applyServerErrors } from "@/lib/form-errors";
import { connectorInput, DEFAULT_SCHEDULE_TIMEZONE, directionPulls, directionPushes, type ConnectorFormValues, type ConnectorInput } from "@/lib/schemas/connectors";
import type { ConnectorView } from "@/server/connectors/connector-view";
import { FormSection, SelectField, TextAreaField } from "@/components/ui/form-fields";
import { MappingPreview } from "./mapping-preview";
import { ScheduleBuilder } from "./schedule-builder";
import { SchedulePreview } from "./schedule-preview";
import { VisualMapper } from "./visual-mapper";

const DIRECTIONS = ["PUSH", "PULL", "BIDIRECTIONAL"] as const;
const AUTH_TYPES = ["NONE", "API_KEY", "BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS"] as const;
const METHODS = [
  { value: "POST", label: "POST" },
  { value: "PUT", label: "PUT" },
  { value: "PATCH", label: "PATCH" },
] as const;
const PAGINATIONS = ["NONE", "PAGE", "OFFSET", "CURSOR", "LINK_HEADER"] as const;
const CLIENT_AUTHS = ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"] as const;
const SECRET_TYPES: readonly string[] = ["API_KEY", "BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS"];

/** A new connector's schedules fire in the organization's zone unless changed. */
export function formDefaults(c?: ConnectorView, orgZone?: string): ConnectorFormValues {
  if (!c) {
    return {
      name: "",
      description: "",
      direction: "PUSH",
      baseUrl: "",
      enabled: true,
      timeoutSeconds: 15,
      concurrency: 2,
      defaultHeaders: "",
      healthPath: "",
      authType: "NONE",
      apiKeyHeader: "X-API-Key",
      username: "",
      oauthTokenUrl: "",
      oauthClientId: "",
      oauthScope: "",
      oauthClientAuth: "CLIENT_SECRET_BASIC",
      secret: "",
      pushPath: "",
      pushMethod: "POST",
      pushMapping: "",
      pushResponseIdPath: "id",
      pullPath: "",
      pullPagination: "NONE",
      pullPageSize: 100,
      pullPageParam: "page",
      pullSizeParam: "per_page",
      pullCursorPath: "",
      pullRecordPath: "",
      pullIdField: "id",
      pullMapping: "",
      pushSchedule: "",
      pullSchedule: "",
      scheduleTimezone: orgZone ?? DEFAULT_SCHEDULE_TIMEZONE,
    };
  }
  return {
    name: c.name,
    description: c.description,
    direction: c.direction,
    baseUrl: c.baseUrl,
    enabled: c.enabled,
    timeoutSeconds: c.timeoutSeconds,
    concurrency: c.concurrency,
    defaultHeaders: c.defaultHeaders,
    healthPath: c.healthPath,
    authType: c.authType,
    apiKeyHeader: c.apiKeyHeader,
    username: c.username,
    oauthTokenUrl: c.oauthTokenUrl,
    oauthClientId: c.oauthClientId,
    oauthScope: c.oauthScope,
    oauthClientAuth: c.oauthClientAuth,
    secret: "",
    pushPath: c.pushPath,
    pushMethod: c.pushMethod,
    pushMapping: c.pushMapping,
    pushResponseIdPath: c.pushResponseIdPath,
    pullPath: c.pullPath,
    pullPagination: c.pullPagination,
    pullPageSize: c.pullPageSize,
    pullPageParam: c.pullPageParam,
    pullSizeParam: c.pullSizeParam,
    pullCursorPath: c.pullCursorPath,
    pullRecordPath: c.pullRecordPath,
    pullIdField: c.pullIdField,
    pullMapping: c.pullMapping,
    pushSchedule: c.pushSchedule,
    pullSchedule: c.pullSchedule,
    scheduleTimezone: c.scheduleTimezone,
  };
}

type Props = { connector?: ConnectorView; submitLabel: string; onSubmit: (values: ConnectorInput) => Promise<unknown>; onCancel?: () => void };

/** Create and edit. Secrets are write-only: on edit the field starts empty and empty keeps the stored one. */
export function ConnectorForm({ connector, submitLabel, onSubmit, onCancel }: Props) {
  const t = useTranslations("connectors");
  const [error, setError] = useState<string | null>(null);
  const [mapperInvalid, setMapperInvalid] = useState(false);
  const orgZone = useTimeZone();
  const form = useForm<ConnectorFormValues, unknown, ConnectorInput>({ resolver: zodResolver(connectorInput), defaultValues: formDefaults(connector, orgZone) });
  const errors = form.formState.errors;
  const [direction, authType, pagination, pushMapping, pullMapping, pushSchedule, pullSchedule, timezone] = useWatch({
    control: form.control,
    name: ["direction", "authType", "pullPagination", "pushMapping", "pullMapping", "pushSchedule", "pullSchedule", "scheduleTimezone"],
  });
  const pushes = directionPushes(direction);
  const pulls = directionPulls(direction);
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    // The visual mapper keeps the last valid mapping in the field; rows with errors must not save as that.
    if (pushes && mapperInvalid) return form.setError("pushMapping", { message: t("mapper.invalidRows") });
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyServerErrors(e, form.setError, t("form.saveFailed")));
    }
  });
  const keepsSecret = connector?.hasSecret && connector.authType === authType;
  const secretHint = keepsSecret ? t("form.secretHintKept", { hint: connector?.secretHint ?? "••••" }) : t("form.secretHintNew");
  const options = (values: readonly string[], group: string) => values.map((value) => ({ value, label: t(`form.${group}.${value}`) }));

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      {error && <Alert>{error}</Alert>}
      <FormSection title={t("form.general.title")}>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label={t("form.general.name")} placeholder={t("form.general.namePlaceholder")} error={errors.name?.message} {...form.register("name")} />
          <SelectField label={t("form.general.direction")} options={options(DIRECTIONS, "direction")} error={errors.direction?.message} {...form.register("direction")} />
        </div>
        <TextField label={t("form.general.baseUrl")} placeholder="https://erp.ejemplo.com/api/v1" error={errors.baseUrl?.message} {...form.register("baseUrl")} />
        <TextField label={t("form.general.description")} error={errors.description?.message} {...form.register("description")} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label={t("form.general.timeout")} type="number" min={1} max={60} error={errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
          <TextField label={t("form.general.concurrency")} type="number" min={1} max={10} error={errors.concurrency?.message} {...form.register("concurrency")} />
          <TextField label={t("form.general.healthPath")} placeholder="/salud" hint={t("form.general.healthPathHint")} error={errors.healthPath?.message} {...form.register("healthPath")} />
        </div>
        <TextAreaField label={t("form.general.headers")} rows={2} placeholder="X-Empresa: 12" hint={t("form.general.headersHint")} error={errors.defaultHeaders?.message} {...form.register("defaultHeaders")} />
      </FormSection>

      <FormSection title={t("form.auth.title")}>
        <SelectField label={t("form.auth.type")} options={options(AUTH_TYPES, "authType")} className="max-w-md" error={errors.authType?.message} {...form.register("authType")} />
        {authType === "API_KEY" && <TextField label={t("form.auth.apiKeyHeader")} placeholder="X-API-Key" className="max-w-md" error={errors.apiKeyHeader?.message} {...form.register("apiKeyHeader")} />}
        {authType === "BASIC" && <TextField label={t("form.auth.username")} autoComplete="off" className="max-w-md" error={errors.username?.message} {...form.register("username")} />}
        {authType === "OAUTH2_CLIENT_CREDENTIALS" && (
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label={t("form.auth.tokenUrl")} placeholder="https://erp.ejemplo.com/oauth/token" error={errors.oauthTokenUrl?.message} {...form.register("oauthTokenUrl")} />
            <TextField label={t("form.auth.clientId")} autoComplete="off" error={errors.oauthClientId?.message} {...form.register("oauthClientId")} />
            <TextField label={t("form.auth.scope")} placeholder="facturas:write" hint={t("form.auth.scopeHint")} error={errors.oauthScope?.message} {...form.register("oauthScope")} />
            <SelectField label={t("form.auth.clientAuth")} options={options(CLIENT_AUTHS, "clientAuth")} error={errors.oauthClientAuth?.message} {...form.register("oauthClientAuth")} />
          </div>
        )}
        {authType !== "NONE" && (
          <TextField
            label={t(`form.secretLabel.${SECRET_TYPES.includes(authType ?? "NONE") ? authType : "other"}`)}
            type="password"
            autoComplete="new-password"
            placeholder={keepsSecret ? t("form.secretKeepPlaceholder") : ""}
            className="max-w-md"
            hint={secretHint}
            error={errors.secret?.message}
            {...form.register("secret")}
          />
        )}
      </FormSection>

      {pushes && (
        <FormSection title={t("form.push.title")} description={t("form.push.description")}>
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <TextField label={t("form.push.path")} placeholder="/facturas" error={errors.pushPath?.message} {...form.register("pushPath")} />
            <SelectField label={t("form.push.method")} options={METHODS} error={errors.pushMethod?.message} {...form.register("pushMethod")} />
          </div>
          <VisualMapper
            value={pushMapping ?? ""}
            onChange={(text) => (form.clearErrors("pushMapping"), form.setValue("pushMapping", text, { shouldDirty: true }))}
            onInvalid={setMapperInvalid}
            connectorId={connector?.id}
            parameterKeys={Object.keys(connector?.parameters ?? {})}
            savedAt={connector ? String(connector.updatedAt) : undefined}
            advanced={
              <>
                <TextAreaField label={t("form.push.mapping")} rows={6} placeholder={'{ "numero": "numero", "importe": "total", "cuit": "proveedor.cuit" }'} hint={<MappingHelp />} error={errors.pushMapping?.message} {...form.register("pushMapping")} />
                <MappingPreview mapping={pushMapping ?? ""} title={t("form.push.previewTitle")} />
              </>
            }
          />
          {errors.pushMapping?.message && <p role="alert" className="text-xs font-medium text-red-700">{errors.pushMapping.message}</p>}
          <TextField label={t("form.push.responseIdPath")} placeholder="data.id" hint={t("form.push.responseIdPathHint")} className="max-w-md" error={errors.pushResponseIdPath?.message} {...form.register("pushResponseIdPath")} />
        </FormSection>
      )}

      {pulls && (
        <FormSection title={t("form.pull.title")} description={t("form.pull.description")}>
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label={t("form.pull.path")} placeholder="/proveedores" error={errors.pullPath?.message} {...form.register("pullPath")} />
            <SelectField label={t("form.pull.pagination")} options={options(PAGINATIONS, "pagination")} error={errors.pullPagination?.message} {...form.register("pullPagination")} />
          </div>
          {pagination !== "NONE" && pagination !== "LINK_HEADER" && (
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField label={t(pagination === "CURSOR" ? "form.pull.cursorParam" : pagination === "OFFSET" ? "form.pull.offsetParam" : "form.pull.pageParam")} error={errors.pullPageParam?.message} {...form.register("pullPageParam")} />
              <TextField label={t("form.pull.sizeParam")} error={errors.pullSizeParam?.message} {...form.register("pullSizeParam")} />
              <TextField label={t("form.pull.pageSize")} type="number" min={1} max={1000} error={errors.pullPageSize?.message} {...form.register("pullPageSize")} />
            </div>
          )}
          {pagination === "CURSOR" && <TextField label={t("form.pull.cursorPath")} placeholder="meta.next_cursor" hint={t("form.pull.cursorPathHint")} error={errors.pullCursorPath?.message} {...form.register("pullCursorPath")} />}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("form.pull.recordPath")} placeholder="data" hint={t("form.pull.recordPathHint")} error={errors.pullRecordPath?.message} {...form.register("pullRecordPath")} />
            <TextField label={t("form.pull.idField")} placeholder="id" error={errors.pullIdField?.message} {...form.register("pullIdField")} />
          </div>
          <TextAreaField label={t("form.pull.mapping")} rows={5} placeholder={'{ "cuit": "tax_id", "razonSocial": "name" }'} hint={<MappingHelp />} error={errors.pullMapping?.message} {...form.register("pullMapping")} />
          <MappingPreview mapping={pullMapping ?? ""} title={t("form.pull.previewTitle")} sample={{ id: "P-100", tax_id: "30-71234567-8", name: "Insumos del Sur SA", email: "compras@insumos.com.ar" }} />
        </FormSection>
      )}

      <FormSection title={t("form.schedule.title")} description={t("form.schedule.description")}>
        <div className="grid gap-4 md:grid-cols-2">
          {pushes && (
            <div className="flex flex-col gap-2">
              <ScheduleBuilder
                value={pushSchedule ?? ""}
                label={t("form.schedule.pushBuilder")}
                onChange={(cron) => form.setValue("pushSchedule", cron, { shouldDirty: true })}
                advanced={<TextField label={t("form.schedule.push")} placeholder="0 8 * * 1-5" error={errors.pushSchedule?.message} {...form.register("pushSchedule")} />}
              />
              {errors.pushSchedule?.message && <p role="alert" className="text-xs font-medium text-red-700">{errors.pushSchedule.message}</p>}
              <SchedulePreview cron={pushSchedule ?? ""} timezone={timezone ?? DEFAULT_SCHEDULE_TIMEZONE} label={t("form.schedule.pushPreview")} />
            </div>
          )}
          {pulls && (
            <div className="flex flex-col gap-2">
              <ScheduleBuilder
                value={pullSchedule ?? ""}
                label={t("form.schedule.pullBuilder")}
                onChange={(cron) => form.setValue("pullSchedule", cron, { shouldDirty: true })}
                advanced={<TextField label={t("form.schedule.pull")} placeholder="30 6 * * *" error={errors.pullSchedule?.message} {...form.register("pullSchedule")} />}
              />
              {errors.pullSchedule?.message && <p role="alert" className="text-xs font-medium text-red-700">{errors.pullSchedule.message}</p>}
              <SchedulePreview cron={pullSchedule ?? ""} timezone={timezone ?? DEFAULT_SCHEDULE_TIMEZONE} label={t("form.schedule.pullPreview")} />
            </div>
          )}
        </div>
        <TextField label={t("form.schedule.timezone")} className="max-w-md" error={errors.scheduleTimezone?.message} {...form.register("scheduleTimezone")} />
      </FormSection>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t("form.saving") : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            {t("form.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}

function MappingHelp() {
  const t = useTranslations("connectors");
  return (
    <>
      {t.rich("form.mappingHelp", {
        example: `"'ARS'"`,
        link: (chunks) => (
          <a className="underline" href="https://docs.jsonata.org/overview.html" target="_blank" rel="noreferrer">
            {chunks}
          </a>
        ),
      })}
    </>
  );
}
