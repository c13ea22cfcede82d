"use client";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";

/** A read-only value with a copy button (secrets shown once). */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useTranslations("common");
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 overflow-x-auto whitespace-nowrap rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm" aria-label={label}>
          {value}
        </code>
        <Button
          unstyled
          type="button"
          className="rounded-md border border-slate-300 bg-white p-2 hover:bg-slate-50"
          aria-label={t("copy", { label })}
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? <Check aria-hidden className="h-4 w-4 text-green-600" /> : <Copy aria-hidden className="h-4 w-4" />}
        </Button>
      </div>
    </div>
  );
}
