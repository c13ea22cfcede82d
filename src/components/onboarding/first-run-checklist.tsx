"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Circle } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ADMIN_ROLES, WRITER_ROLES, type RoleName } from "@/lib/roles";
import { useTRPC } from "@/trpc/client";

const HREF = { upload: "/parse", review: "/parse", connect: "/conectores", invite: "/usuarios" } as const;
/** Steps a role cannot do itself are shown with a hint instead of a link. */
const WHO = { upload: WRITER_ROLES, review: WRITER_ROLES, connect: ADMIN_ROLES, invite: ADMIN_ROLES } as const;

/** The panel's first-run guide: steps ticked from the tenant's data (server), sample invoices in one click. */
export function FirstRunChecklist({ role }: { role: RoleName }) {
  const t = useTranslations("onboarding");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checklist = useQuery(trpc.onboarding.checklist.queryOptions(undefined, { refetchInterval: 15_000, refetchOnMount: "always" }));
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.onboarding.checklist.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.documents.toReviewCount.queryKey() })]);
  const load = useMutation(trpc.onboarding.loadSamples.mutationOptions({ onSuccess: () => void refresh() }));
  const remove = useMutation(trpc.onboarding.removeSamples.mutationOptions({ onSuccess: () => void refresh() }));
  const dismiss = useMutation(trpc.onboarding.dismiss.mutationOptions({ onSuccess: () => void refresh() }));
  const c = checklist.data;
  if (!c || c.dismissed) return null;
  const canWrite = WRITER_ROLES.includes(role);
  const doneCount = c.steps.filter((s) => s.done).length;
  const error = load.error ?? remove.error ?? dismiss.error;

  return (
    <section aria-labelledby="h-first-run" className="rounded-xl border border-brand-100 bg-white p-5" data-testid="first-run">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="h-first-run" className="text-lg font-semibold">
          {c.allDone ? t("doneTitle") : t("title")}
        </h2>
        <p className="text-sm text-slate-600">{t("progress", { done: doneCount, total: c.steps.length })}</p>
      </div>
      <ol className="flex flex-col gap-2">
        {c.steps.map((s, i) => {
          const Icon = s.done ? CheckCircle2 : Circle;
          const can = WHO[s.key].includes(role);
          return (
            <li key={s.key} className="flex items-start gap-3" data-step={s.key} data-done={s.done}>
              <Icon aria-hidden className={s.done ? "mt-0.5 h-5 w-5 shrink-0 text-green-600" : "mt-0.5 h-5 w-5 shrink-0 text-slate-400"} />
              <div className="min-w-0">
                <p className="text-sm font-medium">
                  {can && !s.done ? (
                    <Link href={HREF[s.key]} className="text-brand-700 hover:underline">
                      {i + 1}. {t(`steps.${s.key}.title`)}
                    </Link>
                  ) : (
                    <span className={s.done ? "text-slate-500 line-through" : undefined}>
                      {i + 1}. {t(`steps.${s.key}.title`)}
                    </span>
                  )}
                  <span className="sr-only"> — {s.done ? t("stepDone") : t("stepPending")}</span>
                </p>
                {!s.done && <p className="text-sm text-slate-600">{can ? t(`steps.${s.key}.help`) : t("askAdmin")}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {canWrite && (
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          {c.samples === 0 ? (
            <>
              <Button variant="secondary" onClick={() => load.mutate()} disabled={load.isPending}>
                {load.isPending ? t("samples.loading") : t("samples.load")}
              </Button>
              <p className="text-sm text-slate-600">{t("samples.help")}</p>
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("samples.loaded", { count: c.samples })}</p>
              <Button variant="ghost" onClick={() => remove.mutate()} disabled={remove.isPending}>
                {remove.isPending ? t("samples.removing") : t("samples.remove")}
              </Button>
            </>
          )}
          {c.allDone && ADMIN_ROLES.includes(role) && (
            <Button className="ml-auto" onClick={() => dismiss.mutate()} disabled={dismiss.isPending}>
              {t("dismiss")}
            </Button>
          )}
        </div>
      )}
      {error && (
        <div className="mt-3">
          <Alert>{error.message}</Alert>
        </div>
      )}
    </section>
  );
}
