"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

const TONE = { ok: "green", missing_setting: "red", workflow_missing: "red", credentials_mismatch: "red", workflow_error: "red", unreachable: "red", not_configured: "amber", other: "red" } as const;

/** «Revisar mi configuración»: one call per webhook; says which n8n setting or workflow is missing. */
export function SetupCheck() {
  const t = useTranslations("n8n");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useMutation(trpc.n8n.checkSetup.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.n8n.calls.queryKey() }) }));
  const r = check.data;
  return (
    <section aria-labelledby="n8n-setup" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="n8n-setup" className="text-base font-semibold">
            {t("setup.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("setup.description")}</p>
        </div>
        <Button variant="secondary" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? t("setup.running") : t("setup.run")}
        </Button>
      </div>
      {check.isError && <p role="alert" className="mt-3 text-sm text-red-700">{check.error.message}</p>}
      {r && (
        <div className="mt-3 flex flex-col gap-2 text-sm" data-testid="setup-check">
          <p role="status" className={r.ok ? "text-green-700" : "text-red-700"}>
            {r.ok ? t("setup.allOk") : r.missingSettings.length ? t("setup.missing", { settings: r.missingSettings.join(", ") }) : t("setup.problems")}
          </p>
          <ul className="divide-y divide-slate-100">
            {r.checks.map((c) => (
              <li key={c.action} className="flex flex-col gap-1 py-2 sm:flex-row sm:items-start sm:gap-3" data-testid={`setup-${c.action}`}>
                <Badge tone={TONE[c.verdict]}>{t(`setup.verdict.${c.verdict}`)}</Badge>
                <span className="font-medium text-slate-900">{t(`actions.${c.action}`)}</span>
                <span className="text-slate-600">{c.message}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
