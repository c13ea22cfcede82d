"use client";
import { zodResolver } from "@hookform/resolvers/zod";
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
import { SchedulePreview } from "./schedule-preview";

const DIRECTIONS = [
  { value: "PUSH", label: "PUSH: Contaflow envía documentos" },
  { value: "PULL", label: "PULL: Contaflow trae registros" },
  { value: "BIDIRECTIONAL", label: "Bidireccional" },
] as const;
const AUTH_TYPES = [
  { value: "NONE", label: "Sin autenticación" },
  { value: "API_KEY", label: "API key en un encabezado" },
  { value: "BEARER", label: "Token bearer" },
  { value: "BASIC", label: "Usuario y contraseña (Basic)" },
  { value: "OAUTH2_CLIENT_CREDENTIALS", label: "OAuth 2.0 (client credentials)" },
] as const;
const METHODS = [
  { value: "POST", label: "POST" },
  { value: "PUT", label: "PUT" },
  { value: "PATCH", label: "PATCH" },
] as const;
const PAGINATIONS = [
  { value: "NONE", label: "Sin paginación (una sola respuesta)" },
  { value: "PAGE", label: "Número de página (?page=1&per_page=100)" },
  { value: "OFFSET", label: "Offset y límite (?offset=0&limit=100)" },
  { value: "CURSOR", label: "Cursor (el próximo viene en la respuesta)" },
  { value: "LINK_HEADER", label: "Encabezado Link (rel=\"next\")" },
] as const;
const CLIENT_AUTHS = [
  { value: "CLIENT_SECRET_BASIC", label: "En el encabezado (client_secret_basic)" },
  { value: "CLIENT_SECRET_POST", label: "En el cuerpo (client_secret_post)" },
] as const;
const SECRET_LABEL: Record<string, string> = { API_KEY: "API key", BEARER: "Token", BASIC: "Contraseña", OAUTH2_CLIENT_CREDENTIALS: "Client secret" };

export function formDefaults(c?: ConnectorView): ConnectorFormValues {
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
      scheduleTimezone: DEFAULT_SCHEDULE_TIMEZONE,
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
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ConnectorFormValues, unknown, ConnectorInput>({ resolver: zodResolver(connectorInput), defaultValues: formDefaults(connector) });
  const errors = form.formState.errors;
  const [direction, authType, pagination, pushMapping, pullMapping, pushSchedule, pullSchedule, timezone] = useWatch({
    control: form.control,
    name: ["direction", "authType", "pullPagination", "pushMapping", "pullMapping", "pushSchedule", "pullSchedule", "scheduleTimezone"],
  });
  const pushes = directionPushes(direction);
  const pulls = directionPulls(direction);
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      setError(applyServerErrors(e, form.setError, "No pudimos guardar el conector"));
    }
  });
  const keepsSecret = connector?.hasSecret && connector.authType === authType;
  const secretHint = keepsSecret ? `Guardado: ${connector?.secretHint ?? "••••"}. Dejalo vacío para conservarlo; nunca se vuelve a mostrar.` : "Se guarda cifrado y no se vuelve a mostrar.";

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-5">
      {error && <Alert>{error}</Alert>}
      <FormSection title="General">
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label="Nombre" placeholder="ERP de la oficina" error={errors.name?.message} {...form.register("name")} />
          <SelectField label="Dirección" options={DIRECTIONS} error={errors.direction?.message} {...form.register("direction")} />
        </div>
        <TextField label="URL base" placeholder="https://erp.ejemplo.com/api/v1" error={errors.baseUrl?.message} {...form.register("baseUrl")} />
        <TextField label="Descripción" error={errors.description?.message} {...form.register("description")} />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Tiempo de espera (segundos)" type="number" min={1} max={60} error={errors.timeoutSeconds?.message} {...form.register("timeoutSeconds")} />
          <TextField label="Llamadas en paralelo" type="number" min={1} max={10} error={errors.concurrency?.message} {...form.register("concurrency")} />
          <TextField label="Ruta de prueba" placeholder="/salud" hint="Para «Probar conexión»; vacío: la URL base." error={errors.healthPath?.message} {...form.register("healthPath")} />
        </div>
        <TextAreaField label="Encabezados adicionales" rows={2} placeholder="X-Empresa: 12" hint="Uno por línea, «Nombre: valor». No pongas secretos acá: usá la autenticación." error={errors.defaultHeaders?.message} {...form.register("defaultHeaders")} />
      </FormSection>

      <FormSection title="Autenticación">
        <SelectField label="Tipo de autenticación" options={AUTH_TYPES} className="max-w-md" error={errors.authType?.message} {...form.register("authType")} />
        {authType === "API_KEY" && <TextField label="Encabezado de la API key" placeholder="X-API-Key" className="max-w-md" error={errors.apiKeyHeader?.message} {...form.register("apiKeyHeader")} />}
        {authType === "BASIC" && <TextField label="Usuario" autoComplete="off" className="max-w-md" error={errors.username?.message} {...form.register("username")} />}
        {authType === "OAUTH2_CLIENT_CREDENTIALS" && (
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label="URL de tokens" placeholder="https://erp.ejemplo.com/oauth/token" error={errors.oauthTokenUrl?.message} {...form.register("oauthTokenUrl")} />
            <TextField label="Client ID" autoComplete="off" error={errors.oauthClientId?.message} {...form.register("oauthClientId")} />
            <TextField label="Scope" placeholder="facturas:write" hint="Opcional; separado por espacios." error={errors.oauthScope?.message} {...form.register("oauthScope")} />
            <SelectField label="Cómo se envía el client secret" options={CLIENT_AUTHS} error={errors.oauthClientAuth?.message} {...form.register("oauthClientAuth")} />
          </div>
        )}
        {authType !== "NONE" && (
          <TextField
            label={SECRET_LABEL[authType ?? "NONE"] ?? "Secreto"}
            type="password"
            autoComplete="new-password"
            placeholder={keepsSecret ? "Dejalo vacío para conservar el actual" : ""}
            className="max-w-md"
            hint={secretHint}
            error={errors.secret?.message}
            {...form.register("secret")}
          />
        )}
      </FormSection>

      {pushes && (
        <FormSection title="PUSH: exportar documentos" description="Una llamada por documento a la URL base + la ruta, con el cuerpo que arma el mapeo.">
          <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
            <TextField label="Ruta de destino" placeholder="/facturas" error={errors.pushPath?.message} {...form.register("pushPath")} />
            <SelectField label="Método" options={METHODS} error={errors.pushMethod?.message} {...form.register("pushMethod")} />
          </div>
          <TextAreaField label="Mapeo de campos (PUSH)" rows={6} placeholder={'{ "numero": "numero", "importe": "total", "cuit": "proveedor.cuit" }'} hint={<MappingHelp />} error={errors.pushMapping?.message} {...form.register("pushMapping")} />
          <MappingPreview mapping={pushMapping ?? ""} title="mapeo PUSH" />
          <TextField label="Ruta del id externo en la respuesta" placeholder="data.id" hint="Expresión JSONata sobre la respuesta; se guarda como id externo del documento." className="max-w-md" error={errors.pushResponseIdPath?.message} {...form.register("pushResponseIdPath")} />
        </FormSection>
      )}

      {pulls && (
        <FormSection title="PULL: traer registros" description="Se leen página por página y quedan en revisión antes de importarse.">
          <div className="grid gap-4 md:grid-cols-2">
            <TextField label="Ruta de origen" placeholder="/proveedores" error={errors.pullPath?.message} {...form.register("pullPath")} />
            <SelectField label="Paginación" options={PAGINATIONS} error={errors.pullPagination?.message} {...form.register("pullPagination")} />
          </div>
          {pagination !== "NONE" && pagination !== "LINK_HEADER" && (
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField label={pagination === "CURSOR" ? "Parámetro del cursor" : pagination === "OFFSET" ? "Parámetro del offset" : "Parámetro de página"} error={errors.pullPageParam?.message} {...form.register("pullPageParam")} />
              <TextField label="Parámetro del tamaño" error={errors.pullSizeParam?.message} {...form.register("pullSizeParam")} />
              <TextField label="Registros por página" type="number" min={1} max={1000} error={errors.pullPageSize?.message} {...form.register("pullPageSize")} />
            </div>
          )}
          {pagination === "CURSOR" && <TextField label="Ruta del próximo cursor" placeholder="meta.next_cursor" hint="Expresión JSONata sobre la respuesta." error={errors.pullCursorPath?.message} {...form.register("pullCursorPath")} />}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Ruta de los registros" placeholder="data" hint="Expresión JSONata; vacío: la respuesta es la lista." error={errors.pullRecordPath?.message} {...form.register("pullRecordPath")} />
            <TextField label="Campo id del registro" placeholder="id" error={errors.pullIdField?.message} {...form.register("pullIdField")} />
          </div>
          <TextAreaField label="Mapeo de campos (PULL)" rows={5} placeholder={'{ "cuit": "tax_id", "razonSocial": "name" }'} hint={<MappingHelp />} error={errors.pullMapping?.message} {...form.register("pullMapping")} />
          <MappingPreview mapping={pullMapping ?? ""} title="mapeo PULL" sample={{ id: "P-100", tax_id: "30-71234567-8", name: "Insumos del Sur SA", email: "compras@insumos.com.ar" }} />
        </FormSection>
      )}

      <FormSection title="Programación" description="Expresiones cron de 5 campos (minuto hora día mes día-de-la-semana). Vacío: solo a mano.">
        <div className="grid gap-4 md:grid-cols-2">
          {pushes && (
            <div className="flex flex-col gap-2">
              <TextField label="Programación PUSH (cron)" placeholder="0 8 * * 1-5" error={errors.pushSchedule?.message} {...form.register("pushSchedule")} />
              <SchedulePreview cron={pushSchedule ?? ""} timezone={timezone ?? DEFAULT_SCHEDULE_TIMEZONE} label="la programación PUSH" />
            </div>
          )}
          {pulls && (
            <div className="flex flex-col gap-2">
              <TextField label="Programación PULL (cron)" placeholder="30 6 * * *" error={errors.pullSchedule?.message} {...form.register("pullSchedule")} />
              <SchedulePreview cron={pullSchedule ?? ""} timezone={timezone ?? DEFAULT_SCHEDULE_TIMEZONE} label="la programación PULL" />
            </div>
          )}
        </div>
        <TextField label="Zona horaria" className="max-w-md" error={errors.scheduleTimezone?.message} {...form.register("scheduleTimezone")} />
      </FormSection>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Guardando…" : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancelar
          </Button>
        )}
      </div>
    </form>
  );
}

function MappingHelp() {
  return (
    <>
      Un objeto JSON «campo: expresión» (texto fijo entre comillas simples: {`"'ARS'"`}) o una expresión{" "}
      <a className="underline" href="https://docs.jsonata.org/overview.html" target="_blank" rel="noreferrer">
        JSONata
      </a>
      . Vacío: el documento tal cual.
    </>
  );
}
