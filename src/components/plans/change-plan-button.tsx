"use client";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** OWNER only: switch to `plan` after a confirmation; the page then re-renders with the new limits. */
export function ChangePlanButton({ plan }: { plan: { id: string; name: string } }) {
  const t = useTranslations("plans");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = useMutation(trpc.plans.change.mutationOptions());

  async function confirm() {
    setError(null);
    try {
      await change.mutateAsync({ planId: plan.id });
      router.refresh();
    } catch (e) {
      setError(e instanceof TRPCClientError && e.message ? e.message : t("failed"));
    }
    setConfirming(false);
  }

  return (
    <div className="flex flex-col gap-2">
      {error && <Alert>{error}</Alert>}
      {confirming ? (
        <div role="group" aria-label={t("confirmChange", { plan: plan.name })} className="flex flex-col gap-2">
          <p className="text-sm">{t("confirmChange", { plan: plan.name })}</p>
          <div className="flex flex-wrap gap-2">
            <Button className="px-3 py-1" disabled={change.isPending} onClick={() => void confirm()}>
              {change.isPending ? t("changing") : t("confirmYes")}
            </Button>
            <Button variant="secondary" className="px-3 py-1" onClick={() => setConfirming(false)}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          {t("change", { plan: plan.name })}
        </Button>
      )}
    </div>
  );
}
