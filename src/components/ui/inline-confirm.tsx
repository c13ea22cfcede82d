"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * "Are you sure?" in place of the buttons that asked it: the question, the destructive
 * confirmation and a way back — a named group, so screen readers announce what is confirmed.
 */
export function InlineConfirm({
  label,
  question,
  confirmLabel,
  cancelLabel,
  pending,
  onConfirm,
  onCancel,
  className,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel?: ReactNode;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  className?: string;
}) {
  const t = useTranslations("common");
  return (
    <div role="group" aria-label={label} className={cn("flex flex-wrap items-center gap-2", className)}>
      <span className="text-sm">{question}</span>
      <Button variant="danger" className="px-3 py-1" disabled={pending} onClick={onConfirm}>
        {confirmLabel}
      </Button>
      <Button variant="secondary" className="px-3 py-1" onClick={onCancel}>
        {cancelLabel ?? t("cancel")}
      </Button>
    </div>
  );
}
