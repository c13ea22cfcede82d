"use client";
/**
 * «Datos de tu cuenta» of a connector made from a preset: the ids and per-rate accounts chosen at
 * creation, changed later without recreating the connector (lists fetched with its saved
 * credentials). Saved on their own: the next exports use them, what was exported stays as sent.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-fields";
import { serverFieldErrors } from "@/lib/form-errors";
import type { ConnectorView } from "@/server/connectors/connector-view";
import type { PresetView } from "@/server/connectors/presets/view";
import { useTRPC } from "@/trpc/client";
import { initialParams, PresetParameterFields, type ParamOptions, type ParamValues } from "./preset-parameter-fields";

export function PresetParametersEditor({ connector, onSaved }: { connector: ConnectorView; onSaved: (saved: ConnectorView) => void }) {
  const trpc = useTRPC();
  const presets = useQuery(trpc.connectors.presets.queryOptions());
  const preset = presets.data?.find((p) => p.key === connector.presetKey);
  if (!preset || preset.parameters.length === 0) return null;
  return <ParametersForm preset={preset} connector={connector} onSaved={onSaved} />;
}

function ParametersForm({ preset, connector, onSaved }: { preset: PresetView; connector: ConnectorView; onSaved: (saved: ConnectorView) => void }) {
  const t = useTranslations("connectors.presets");
  const trpc = useTRPC();
  const save = useMutation(trpc.connectors.updateParameters.mutationOptions());
  const fetchOptions = useMutation(trpc.connectors.presetOptions.mutationOptions());
  const [params, setParams] = useState<ParamValues>(() => initialParams(preset, connector.parameters));
  const [options, setOptions] = useState<ParamOptions>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // «Guardado» describes the values on screen: an edit after the save takes it back.
  const edit = (update: (s: ParamValues) => ParamValues) => (setSaved(false), setParams(update));

  async function load(key: string) {
    setGeneral(null);
    try {
      const list = await fetchOptions.mutateAsync({ presetKey: preset.key, parameterKey: key, connectorId: connector.id });
      setOptions((o) => ({ ...o, [key]: list }));
      if (list.length === 0) setGeneral(t("noOptions", { name: preset.name }));
    } catch (e) {
      setGeneral(e instanceof Error ? e.message : String(e));
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    setGeneral(null);
    setSaved(false);
    try {
      const stored = await save.mutateAsync({ id: connector.id, parameters: params });
      setSaved(true);
      onSaved(stored);
    } catch (e) {
      setErrors(serverFieldErrors(e));
      setGeneral(e instanceof Error ? e.message : t("saveParametersFailed"));
    }
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate aria-label={t("editParametersLabel", { name: connector.name })}>
      <FormSection title={t("parameters")}>
        <p className="text-sm text-slate-600">{t("editParametersHint")}</p>
        {general && <Alert tone="error">{general}</Alert>}
        <PresetParameterFields preset={preset} params={params} setParams={edit} options={options} error={(key) => errors[key]?.[0]} fetching={fetchOptions.isPending} onFetch={(key) => void load(key)} />
      </FormSection>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("savingParameters") : t("saveParameters")}
        </Button>
        <p role="status" className="text-sm text-green-800">
          {saved ? t("parametersSaved", { name: connector.name }) : ""}
        </p>
      </div>
    </form>
  );
}
