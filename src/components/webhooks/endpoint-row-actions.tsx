"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";

type Props = { endpoint: EndpointView; onChanged: () => void; onRotate: () => void; onEdit: () => void };

export function EndpointRowActions({ endpoint, onChanged, onRotate, onEdit }: Props) {
  const trpc = useTRPC();
  const t = useTranslations("webhooks");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const setEnabled = useMutation(trpc.webhooks.setEnabled.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: onChanged }));
  const label = endpoint.description || endpoint.url;

  if (confirmDelete) {
    return (
      <InlineConfirm
        label={t("rowActions.confirmDeleteLabel", { label })}
        question={t("rowActions.confirmDeleteQuestion")}
        confirmLabel={t("rowActions.confirmDelete")}
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: endpoint.id })}
        onCancel={() => setConfirmDelete(false)}
      />
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" className="px-3 py-1" aria-label={t("rowActions.editLabel", { label })} onClick={onEdit}>
        {t("rowActions.edit")}
      </Button>
      <Button variant="secondary" className="px-3 py-1" aria-label={endpoint.enabled ? t("rowActions.disableLabel", { label }) : t("rowActions.enableLabel", { label })} onClick={() => setEnabled.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}>
        {endpoint.enabled ? t("rowActions.disable") : t("rowActions.enable")}
      </Button>
      <Button variant="secondary" className="px-3 py-1" aria-label={t("rowActions.rotateLabel", { label })} onClick={onRotate}>
        {t("rowActions.rotate")}
      </Button>
      <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={t("rowActions.deleteLabel", { label })} onClick={() => setConfirmDelete(true)}>
        {t("rowActions.delete")}
      </Button>
    </div>
  );
}
