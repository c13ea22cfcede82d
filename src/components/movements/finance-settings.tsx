"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormSection, SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { ALERT_TYPES, type UpdateProfileInput } from "@/lib/schemas/movements";
import type { FinanceProfileView } from "@/server/movements/profile";
import { useTRPC } from "@/trpc/client";
import { useCategories } from "./categories";

const SYNC_TONE = { NEVER: "slate", PENDING: "amber", SYNCED: "green", FAILED: "red" } as const;

type Form = {
  currency: string;
  timezone: string;
  language: "es" | "en";
  notificationsEnabled: boolean;
  emailAlerts: boolean;
  weeklyBudget: string;
  monthlyBudget: string;
  categoryBudgets: { category: string; amount: string }[];
  budgetThresholdPct: string;
  unusualAmountMultiplier: string;
  unusualAmountThreshold: string;
  dailyDigest: boolean;
  instantAlerts: string[];
  blockedCategories: string[];
  connectedBanks: string;
  goals: { type: "savings" | "reduce_spending"; target: string; period: "weekly" | "monthly"; category: string }[];
};

const str = (n: number | null) => (n === null ? "" : String(n));
function toForm(p: FinanceProfileView): Form {
  return {
    currency: p.currency,
    timezone: p.timezone,
    language: p.language,
    notificationsEnabled: p.notificationsEnabled,
    emailAlerts: p.emailAlerts,
    weeklyBudget: str(p.weeklyBudget),
    monthlyBudget: str(p.monthlyBudget),
    categoryBudgets: p.categoryBudgets.map((b) => ({ category: b.category, amount: String(b.amount) })),
    budgetThresholdPct: String(Math.round(p.budgetThreshold * 100)),
    unusualAmountMultiplier: String(p.unusualAmountMultiplier),
    unusualAmountThreshold: str(p.unusualAmountThreshold),
    dailyDigest: p.dailyDigest,
    instantAlerts: p.instantAlerts,
    blockedCategories: p.blockedCategories,
    connectedBanks: p.connectedBanks.join(", "),
    goals: p.goals.map((g) => ({ type: g.type, target: String(g.target), period: g.period ?? "monthly", category: g.category ?? "" })),
  };
}
function toInput(f: Form): UpdateProfileInput {
  return {
    currency: f.currency,
    timezone: f.timezone,
    language: f.language,
    notificationsEnabled: f.notificationsEnabled,
    emailAlerts: f.emailAlerts,
    weeklyBudget: f.weeklyBudget.trim() || null,
    monthlyBudget: f.monthlyBudget.trim() || null,
    categoryBudgets: f.categoryBudgets.filter((b) => b.category && b.amount.trim()).map((b) => ({ category: b.category, amount: b.amount })),
    budgetThreshold: Number(f.budgetThresholdPct) / 100,
    unusualAmountMultiplier: f.unusualAmountMultiplier,
    unusualAmountThreshold: f.unusualAmountThreshold.trim() || null,
    dailyDigest: f.dailyDigest,
    instantAlerts: f.instantAlerts as UpdateProfileInput["instantAlerts"],
    blockedCategories: f.blockedCategories,
    connectedBanks: f.connectedBanks.split(/[\s,]+/).filter(Boolean),
    goals: f.goals.filter((g) => g.target.trim()).map((g) => ({ type: g.type, target: g.target, period: g.period, ...(g.type === "reduce_spending" && g.category ? { category: g.category } : {}) })),
  } as UpdateProfileInput;
}

export function FinanceSettings({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("movements.settings");
  const trpc = useTRPC();
  const profile = useQuery({ ...trpc.movements.profile.queryOptions(), refetchInterval: (q) => (q.state.data?.sync.status === "PENDING" ? 1500 : false) });
  if (profile.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (profile.isError) return <Alert>{profile.error.message}</Alert>;
  return (
    <div className="flex flex-col gap-4">
      <SyncLine sync={profile.data.sync} />
      <SettingsForm profile={profile.data} canWrite={canWrite} />
    </div>
  );
}

function SyncLine({ sync }: { sync: FinanceProfileView["sync"] }) {
  const t = useTranslations("movements");
  const format = useFormatter();
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="profile-sync">
      <Badge tone={SYNC_TONE[sync.status]}>{t(`profileSync.${sync.status}`)}</Badge>
      {sync.lastSyncedAt && <span className="text-slate-600">{t("settings.lastSync", { date: format.dateTime(new Date(sync.lastSyncedAt), { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }) })}</span>}
      {sync.status === "FAILED" && sync.lastError && <span className="w-full text-xs text-red-700">{sync.lastError}</span>}
    </div>
  );
}

function SettingsForm({ profile, canWrite }: { profile: FinanceProfileView; canWrite: boolean }) {
  const t = useTranslations("movements.settings");
  const tm = useTranslations("movements");
  const { options: categoryOptions } = useCategories();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [f, setF] = useState<Form>(() => toForm(profile));
  const [saved, setSaved] = useState<null | "synced" | "local">(null);
  const save = useMutation(trpc.movements.updateProfile.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.profile.queryKey() }) }));
  const errors = save.error instanceof TRPCClientError ? ((save.error.data as { fieldErrors?: Record<string, string[]> | null })?.fieldErrors ?? {}) : {};
  const set = <K extends keyof Form>(k: K, v: Form[K]) => (setSaved(null), setF((prev) => ({ ...prev, [k]: v })));
  const toggle = (k: "instantAlerts" | "blockedCategories", v: string) => set(k, f[k].includes(v) ? f[k].filter((x) => x !== v) : [...f[k], v]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await save.mutateAsync(toInput(f));
      // Without n8n nothing is synced now: the first configuration sends these settings.
      setSaved(r.sync.status === "PENDING" ? "synced" : "local");
    } catch {
      /* shown below */
    }
  };
  const disabled = !canWrite;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-col gap-4" aria-label={t("formLabel")}>
      <fieldset disabled={disabled} className="flex flex-col gap-4">
        <FormSection title={t("budgets")} description={t("budgetsDescription")}>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t("weeklyBudget")} inputMode="decimal" value={f.weeklyBudget} onChange={(e) => set("weeklyBudget", e.target.value)} error={errors.weeklyBudget?.[0]} />
            <TextField label={t("monthlyBudget")} inputMode="decimal" value={f.monthlyBudget} onChange={(e) => set("monthlyBudget", e.target.value)} error={errors.monthlyBudget?.[0]} />
            <TextField label={t("currency")} maxLength={3} value={f.currency} onChange={(e) => set("currency", e.target.value.toUpperCase())} error={errors.currency?.[0]} />
          </div>
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium text-slate-700">{t("byCategory")}</p>
            {f.categoryBudgets.map((b, i) => (
              <div key={i} className="flex flex-wrap items-end gap-2">
                <SelectField
                  label={t("category", { n: i + 1 })}
                  value={b.category}
                  onChange={(e) => set("categoryBudgets", f.categoryBudgets.map((x, j) => (j === i ? { ...x, category: e.target.value } : x)))}
                  options={categoryOptions}
                />
                <TextField label={t("amount", { n: i + 1 })} inputMode="decimal" value={b.amount} onChange={(e) => set("categoryBudgets", f.categoryBudgets.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
                <Button type="button" variant="ghost" onClick={() => set("categoryBudgets", f.categoryBudgets.filter((_, j) => j !== i))} aria-label={t("removeCategory", { n: i + 1 })}>
                  {t("remove")}
                </Button>
              </div>
            ))}
            {errors.categoryBudgets?.[0] && <p className="text-xs text-red-700">{errors.categoryBudgets[0]}</p>}
            <div>
              <Button type="button" variant="secondary" onClick={() => set("categoryBudgets", [...f.categoryBudgets, { category: "groceries", amount: "" }])}>
                {t("addCategory")}
              </Button>
            </div>
          </div>
        </FormSection>

        <FormSection title={t("alertRules")}>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t("threshold")} type="number" min={10} max={100} value={f.budgetThresholdPct} onChange={(e) => set("budgetThresholdPct", e.target.value)} error={errors.budgetThreshold?.[0]} />
            <TextField label={t("unusualMultiplier")} inputMode="decimal" value={f.unusualAmountMultiplier} onChange={(e) => set("unusualAmountMultiplier", e.target.value)} error={errors.unusualAmountMultiplier?.[0]} />
            <TextField label={t("unusualThreshold")} inputMode="decimal" value={f.unusualAmountThreshold} onChange={(e) => set("unusualAmountThreshold", e.target.value)} error={errors.unusualAmountThreshold?.[0]} />
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{t("instantAlerts")}</legend>
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
              {ALERT_TYPES.map((a) => (
                <label key={a} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" className="h-4 w-4" checked={f.instantAlerts.includes(a)} onChange={() => toggle("instantAlerts", a)} />
                  {tm(`alertTypes.${a}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{t("blockedCategories")}</legend>
            <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
              {categoryOptions.map((c) => (
                <label key={c.value} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" className="h-4 w-4" checked={f.blockedCategories.includes(c.value)} onChange={() => toggle("blockedCategories", c.value)} />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-slate-700">
            <label className="flex items-center gap-2">
              <input type="checkbox" className="h-4 w-4" checked={f.notificationsEnabled} onChange={(e) => set("notificationsEnabled", e.target.checked)} /> {t("inAppNotifications")}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="h-4 w-4" checked={f.emailAlerts} onChange={(e) => set("emailAlerts", e.target.checked)} /> {t("emailAlerts")}
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" className="h-4 w-4" checked={f.dailyDigest} onChange={(e) => set("dailyDigest", e.target.checked)} /> {t("dailyDigest")}
            </label>
          </div>
        </FormSection>

        <FormSection title={t("goals")} description={t("goalsDescription")}>
          {f.goals.map((g, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <SelectField
                label={t("goal", { n: i + 1 })}
                value={g.type}
                onChange={(e) => set("goals", f.goals.map((x, j) => (j === i ? { ...x, type: e.target.value as Form["goals"][number]["type"] } : x)))}
                options={[{ value: "savings", label: t("goalSavings") }, { value: "reduce_spending", label: t("goalSpendLess") }]}
              />
              {g.type === "reduce_spending" && (
                <SelectField label={t("goalCategory", { n: i + 1 })} value={g.category || "shopping"} onChange={(e) => set("goals", f.goals.map((x, j) => (j === i ? { ...x, category: e.target.value } : x)))} options={categoryOptions} />
              )}
              <TextField label={t("target", { n: i + 1 })} inputMode="decimal" value={g.target} onChange={(e) => set("goals", f.goals.map((x, j) => (j === i ? { ...x, target: e.target.value } : x)))} />
              <SelectField label={t("period", { n: i + 1 })} value={g.period} onChange={(e) => set("goals", f.goals.map((x, j) => (j === i ? { ...x, period: e.target.value as "weekly" | "monthly" } : x)))} options={[{ value: "monthly", label: t("monthly") }, { value: "weekly", label: t("weekly") }]} />
              <Button type="button" variant="ghost" onClick={() => set("goals", f.goals.filter((_, j) => j !== i))}>
                {t("remove")}
              </Button>
            </div>
          ))}
          <div>
            <Button type="button" variant="secondary" onClick={() => set("goals", [...f.goals, { type: "savings", target: "", period: "monthly", category: "" }])}>
              {t("addGoal")}
            </Button>
          </div>
        </FormSection>

        <FormSection title={t("preferences")}>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label={t("timezone")} value={f.timezone} onChange={(e) => set("timezone", e.target.value)} error={errors.timezone?.[0]} />
            <SelectField label={t("n8nLanguage")} value={f.language} onChange={(e) => set("language", e.target.value as "es" | "en")} options={[{ value: "es", label: t("spanish") }, { value: "en", label: t("english") }]} />
            <TextField label={t("banks")} hint={t("banksHint")} value={f.connectedBanks} onChange={(e) => set("connectedBanks", e.target.value)} error={errors.connectedBanks?.[0]} />
          </div>
        </FormSection>
      </fieldset>
      {save.isError && <Alert>{Object.keys(errors).length ? t("checkFields") : save.error.message}</Alert>}
      {saved && <Alert tone="success">{t(saved === "synced" ? "saved" : "savedNoN8n")}</Alert>}
      {canWrite && (
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? t("saving") : t("submit")}
          </Button>
        </div>
      )}
    </form>
  );
}
