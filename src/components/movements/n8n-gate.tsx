"use client";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/empty-state";

/** Movimientos before n8n is ready: why nothing can be processed, and (for admins) where to fix it. */
export function N8nGate({ state, isAdmin }: { state: "not_configured" | "disabled"; isAdmin: boolean }) {
  const t = useTranslations("movements.gate");
  return (
    <div data-testid="movements-gate">
      <EmptyState icon={Workflow} title={t("title")}>
        <p>{t(state)}</p>
        {isAdmin ? (
          <Link href="/integraciones/n8n" className="mt-4 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("adminAction")}
          </Link>
        ) : (
          <p className="mt-3">{t("memberAction")}</p>
        )}
      </EmptyState>
    </div>
  );
}
