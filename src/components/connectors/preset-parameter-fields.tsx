"use client";
/**
 * The account data a preset asks for (ids, one value per IVA rate or AFIP code), each field
 * typed or picked from a list fetched from the ERP: shared by the gallery's creation form and
 * a saved connector's «Datos de tu cuenta» editor.
 */
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import type { PresetView } from "@/server/connectors/presets/view";
import { useTRPC } from "@/trpc/client";

const RATES = ["21", "10.5", "27", "0", "2.5", "5"];
const CODES = ["1", "6", "11", "3", "8", "13"];

export type ParamValues = Record<string, string | Record<string, string>>;
export type ParamOptions = Record<string, { value: string; label: string }[]>;

/** The values a form starts from: the stored ones, else the preset's defaults. */
export function initialParams(preset: PresetView, stored?: Record<string, unknown>): ParamValues {
  const out: ParamValues = {};
  for (const p of preset.parameters) {
    const value = stored?.[p.key] ?? p.default;
    if (typeof value === "string") out[p.key] = value;
    else if (value && typeof value === "object") out[p.key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  }
  return out;
}

/**
 * A preset's option lists, fetched from the ERP with the credentials being typed (gallery) or a
 * saved connector's (editor). `onProblem(null)` clears; a message (and the error, for its field
 * errors) says why a list did not come or came empty.
 */
export function usePresetOptions(preset: PresetView, onProblem: (message: string | null, error?: unknown) => void) {
  const t = useTranslations("connectors.presets");
  const trpc = useTRPC();
  const fetchOptions = useMutation(trpc.connectors.presetOptions.mutationOptions());
  const [options, setOptions] = useState<ParamOptions>({});
  async function load(key: string, source: { connectorId: string } | { credentials: Record<string, string> }) {
    onProblem(null);
    try {
      const list = await fetchOptions.mutateAsync({ presetKey: preset.key, parameterKey: key, ...source });
      setOptions((o) => ({ ...o, [key]: list }));
      if (list.length === 0) onProblem(t("noOptions", { name: preset.name }));
    } catch (e) {
      onProblem(e instanceof Error ? e.message : String(e), e);
    }
  }
  return { options, fetching: fetchOptions.isPending, load };
}

export function PresetParameterFields({
  preset,
  params,
  setParams,
  options,
  error,
  fetching,
  onFetch,
}: {
  preset: PresetView;
  params: ParamValues;
  setParams: (update: (s: ParamValues) => ParamValues) => void;
  options: ParamOptions;
  error: (key: string) => string | undefined;
  fetching: boolean;
  onFetch: (key: string) => void;
}) {
  const t = useTranslations("connectors.presets");
  const choice = (key: string, value: string, onChange: (v: string) => void, label: string, fieldError?: string) => {
    const list = options[key];
    // A stored id missing from the fetched list stays selectable: the list is a help, not a rule.
    const withCurrent = list && value && !list.some((o) => o.value === value) ? [...list, { value, label: value }] : list;
    return withCurrent ? (
      <SelectField label={label} value={value} error={fieldError} onChange={(e) => onChange(e.target.value)} options={[{ value: "", label: t("pick") }, ...withCurrent]} />
    ) : (
      <TextField label={label} value={value} error={fieldError} onChange={(e) => onChange(e.target.value)} />
    );
  };
  return (
    <>
      {preset.parameters.map((p) => (
        <div key={p.key} className="flex flex-col gap-2">
          {p.kind === "perRate" || p.kind === "perCode" ? (
            <fieldset className="flex flex-col gap-2">
              <legend className="text-sm font-medium text-slate-700">{p.label}</legend>
              {(p.kind === "perRate" ? RATES : CODES).map((k) => {
                const map = (params[p.key] as Record<string, string> | undefined) ?? {};
                return <div key={k}>{choice(p.key, map[k] ?? "", (v) => setParams((s) => ({ ...s, [p.key]: { ...((s[p.key] as Record<string, string>) ?? {}), [k]: v } })), p.kind === "perRate" ? t("rate", { rate: k }) : t("code", { code: k }))}</div>;
              })}
              {error(`parameters.${p.key}`) && <p className="text-sm text-red-700">{error(`parameters.${p.key}`)}</p>}
            </fieldset>
          ) : (
            choice(p.key, (params[p.key] as string | undefined) ?? "", (v) => setParams((s) => ({ ...s, [p.key]: v })), p.label, error(`parameters.${p.key}`))
          )}
          {p.hasOptions && (
            <Button type="button" variant="secondary" className="self-start" disabled={fetching} onClick={() => onFetch(p.key)}>
              {fetching ? t("fetching") : `${t("fetch", { name: preset.name })}: ${p.label}`}
            </Button>
          )}
        </div>
      ))}
    </>
  );
}
