"use client";
/**
 * «Nuevo conector» gallery: pick a system, fill in its credentials and the ids it needs (picked
 * from lists fetched from the ERP where its API allows), create. Each card says whether the
 * preset was checked against a recorded real response or follows public documentation only.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ListStatus } from "@/components/ui/admin-list";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import type { ConnectorView } from "@/server/connectors/connector-view";
import type { PresetView } from "@/server/connectors/presets/view";
import { serverFieldErrors } from "@/lib/form-errors";
import { useTRPC } from "@/trpc/client";
import { initialParams, PresetParameterFields, usePresetOptions, type ParamValues } from "./preset-parameter-fields";

export function PresetGallery({ onCustom, onCreated, onCancel }: { onCustom: () => void; onCreated: (c: ConnectorView) => void; onCancel: () => void }) {
  const t = useTranslations("connectors.presets");
  const trpc = useTRPC();
  const presets = useQuery(trpc.connectors.presets.queryOptions());
  const [chosen, setChosen] = useState<PresetView | null>(null);

  if (chosen) return <PresetForm preset={chosen} onBack={() => setChosen(null)} onCreated={onCreated} />;
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h3 className="text-base font-semibold">{t("title")}</h3>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      {/* The cards appear once the presets are in: appearing one by one they would move the
          «Personalizado» card under a click already on its way. */}
      <ListStatus query={presets} empty={null} />
      {!presets.isPending && (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("title")}>
          {(presets.data ?? []).map((p) => (
            <li key={p.key} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium">{p.name}</span>
                <Badge tone={p.verification === "recorded" ? "green" : "amber"}>{p.verification === "recorded" ? t("verifiedRecorded") : t("verifiedDocs")}</Badge>
              </div>
              <p className="text-sm text-slate-600">{p.description}</p>
              <details className="text-xs text-slate-600">
                <summary className="cursor-pointer">{t("facts")}</summary>
                <ul className="mt-1 list-disc pl-4">
                  {p.facts.map((f) => (
                    <li key={f.fact}>
                      {f.fact} — {f.source === "recorded" ? t("factRecorded") : t("factDocs")}, {t("confidence", { level: f.confidence })}
                    </li>
                  ))}
                </ul>
              </details>
              <Button className="mt-auto self-start" onClick={() => setChosen(p)}>
                {t("choose", { name: p.name })}
              </Button>
            </li>
          ))}
          <li className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-4">
            <span className="font-medium">{t("custom")}</span>
            <p className="text-sm text-slate-600">{t("customBody")}</p>
            <Button variant="secondary" className="mt-auto self-start" onClick={onCustom}>
              {t("custom")}
            </Button>
          </li>
        </ul>
      )}
      <div>
        <Button variant="secondary" onClick={onCancel}>
          {t("back")}
        </Button>
      </div>
    </div>
  );
}

function PresetForm({ preset, onBack, onCreated }: { preset: PresetView; onBack: () => void; onCreated: (c: ConnectorView) => void }) {
  const t = useTranslations("connectors.presets");
  const trpc = useTRPC();
  const create = useMutation(trpc.connectors.createFromPreset.mutationOptions());
  const [name, setName] = useState(preset.name);
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [params, setParams] = useState<ParamValues>(() => initialParams(preset));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const err = (key: string) => errors[key]?.[0];
  const setCred = (k: string, v: string) => setCredentials((c) => ({ ...c, [k]: v }));
  const lists = usePresetOptions(preset, (message, e) => {
    setGeneral(message);
    if (e !== undefined) setErrors(serverFieldErrors(e));
  });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setErrors({});
    setGeneral(null);
    try {
      onCreated(await create.mutateAsync({ presetKey: preset.key, name, credentials: stripEmpty(credentials), parameters: params }));
    } catch (e) {
      const fieldErrors = serverFieldErrors(e);
      setErrors(fieldErrors);
      setGeneral(Object.keys(fieldErrors).length ? (e as Error).message : e instanceof Error ? e.message : t("failed"));
    }
  }

  return (
    <form className="flex flex-col gap-5" onSubmit={submit} noValidate>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-base font-semibold">{preset.name}</h3>
        <Badge tone={preset.verification === "recorded" ? "green" : "amber"}>{preset.verification === "recorded" ? t("verifiedRecorded") : t("verifiedDocs")}</Badge>
      </div>
      {general && <Alert tone="error">{general}</Alert>}
      <TextField label={t("name")} value={name} error={err("name")} onChange={(e) => setName(e.target.value)} />
      <FormSection title={t("credentials")}>
        {preset.credentials.map((c) => (
          <TextField key={c.target} label={c.label} hint={c.help} type={c.secret ? "password" : "text"} autoComplete="off" value={credentials[c.target] ?? ""} error={err(`credentials.${c.target}`)} onChange={(e) => setCred(c.target, e.target.value)} />
        ))}
        {preset.baseUrl && <TextField label={t("baseUrlOverride")} placeholder={preset.baseUrl} value={credentials.baseUrl ?? ""} error={err("credentials.baseUrl")} onChange={(e) => setCred("baseUrl", e.target.value)} />}
      </FormSection>
      {preset.parameters.length > 0 && (
        <FormSection title={t("parameters")}>
          <PresetParameterFields preset={preset} params={params} setParams={setParams} options={lists.options} error={err} fetching={lists.fetching} onFetch={(key) => void lists.load(key, { credentials: stripEmpty(credentials) })} />
        </FormSection>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("creating") : t("create")}
        </Button>
        <Button type="button" variant="secondary" onClick={onBack}>
          {t("back")}
        </Button>
      </div>
    </form>
  );
}

function stripEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));
}
