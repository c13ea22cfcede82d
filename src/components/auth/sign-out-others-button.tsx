"use client";
import { MonitorX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";

/** Ends every session of this user except the one in this browser. */
export function SignOutOthersButton({ variant = "ghost", compact = false }: { variant?: "ghost" | "secondary"; compact?: boolean }) {
  const t = useTranslations("auth.account");
  const [state, setState] = useState<"idle" | "busy" | "done" | "error">("idle");

  async function run() {
    setState("busy");
    const res = await authClient.revokeOtherSessions();
    setState(res.error ? "error" : "done");
  }

  const label = state === "done" ? t("othersSignedOut") : state === "error" ? t("othersFailed") : t("signOutOthers");
  return (
    <span className="inline-flex items-center">
      <Button variant={variant} onClick={run} disabled={state === "busy"} className={compact ? "px-2" : undefined}>
        <MonitorX aria-hidden className="h-4 w-4" />
        <span className={compact ? "hidden lg:inline" : undefined}>{t("signOutOthers")}</span>
        {compact && <span className="sr-only lg:hidden">{t("signOutOthers")}</span>}
      </Button>
      <span role="status" className={state === "done" || state === "error" ? "ml-2 text-xs text-slate-600" : "sr-only"}>
        {state === "done" || state === "error" ? label : ""}
      </span>
    </span>
  );
}
