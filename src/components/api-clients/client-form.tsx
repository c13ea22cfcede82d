"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { API_SCOPES, apiClientFields, parseRedirectLines, type ApiScope, type CreateApiClientInput } from "@/lib/schemas/api-clients";

type Errors = Partial<Record<"name" | "description" | "scopes" | "redirectUris" | "form", string>>;

/** `documents:read` → `documentsRead`: the scope's key in the `apiClients.scopes` messages. */
export const scopeKey = (scope: string) => scope.replace(/:(\w)/g, (_, c: string) => c.toUpperCase());

/** Server field errors (tRPC error formatter) → our field names; `fallback` when no field or message. */
export function serverErrors(e: unknown, fallback: string): Errors {
  const data = (e as { data?: { fieldErrors?: Record<string, string[]> | null } }).data;
  const fe = data?.fieldErrors ?? {};
  const pick = (k: string) => Object.entries(fe).find(([key]) => key === k || key.startsWith(`${k}.`))?.[1]?.[0];
  const out: Errors = { name: pick("name"), description: pick("description"), scopes: pick("scopes"), redirectUris: pick("redirectUris") };
  if (!Object.values(out).some(Boolean)) out.form = e instanceof Error ? e.message : fallback;
  return out;
}

export function ApiClientForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { name: string; description: string; scopes: ApiScope[]; redirectUris: string[] };
  submitLabel: string;
  onSubmit: (values: CreateApiClientInput) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useTranslations("apiClients");
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [scopes, setScopes] = useState<ApiScope[]>(initial?.scopes ?? ["documents:read"]);
  const [redirects, setRedirects] = useState((initial?.redirectUris ?? []).join("\n"));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const values = { name, description, scopes, redirectUris: parseRedirectLines(redirects) };
    const parsed = apiClientFields.safeParse(values);
    if (!parsed.success) {
      const fe = z.flattenError(parsed.error).fieldErrors;
      const redirectIssue = parsed.error.issues.find((i) => i.path[0] === "redirectUris");
      setErrors({ name: fe.name?.[0], description: fe.description?.[0], scopes: fe.scopes?.[0], redirectUris: redirectIssue ? (redirectIssue.path.length > 1 ? t("form.line", { line: Number(redirectIssue.path[1]) + 1, message: redirectIssue.message }) : redirectIssue.message) : undefined });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (err) {
      setErrors(serverErrors(err, t("form.saveFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {errors.form && (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t("form.name")} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} hint={t("form.nameHint")} />
        <TextField label={t("form.description")} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      </div>
      <fieldset className="flex flex-col gap-2" aria-describedby={errors.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("form.scopes")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {API_SCOPES.map((s) => (
            <label key={s} className="flex items-start gap-2 rounded-md border border-slate-200 p-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
              />
              <span>
                <span className="font-medium">{t(`scopes.${scopeKey(s)}.title`)}</span> <code className="text-xs text-slate-500">{s}</code>
                <span className="block text-xs text-slate-500">{t(`scopes.${scopeKey(s)}.description`)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes && (
          <p id="scopes-error" role="alert" className="text-xs font-medium text-red-700">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <TextAreaField
        label={t("form.redirects")}
        rows={3}
        value={redirects}
        onChange={(e) => setRedirects(e.target.value)}
        error={errors.redirectUris}
        hint={t("form.redirectsHint")}
        placeholder="https://mi-app.example.com/oauth/callback"
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? t("form.saving") : submitLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("form.cancel")}
        </Button>
      </div>
    </form>
  );
}
