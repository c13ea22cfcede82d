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
import { initialParams, PresetParameterFields, usePresetOptions, type ParamValues } from "./preset-parameter-fields";

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
  const [params, setParams] = useState<ParamValues>(() => initialParams(preset, connector.parameters));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const lists = usePresetOptions(preset, setGeneral);
  // «Guardado» describes the values on screen: an edit after the save takes it back.
  const edit = (update: (s: ParamValues) => ParamValues) => (setSaved(false), setParams(update));

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
        <PresetParameterFields preset={preset} params={params} setParams={edit} options={lists.options} error={(key) => errors[key]?.[0]} fetching={lists.fetching} onFetch={(key) => void lists.load(key, { connectorId: connector.id })} />
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
