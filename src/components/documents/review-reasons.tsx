"use client";
import { useMutation } from "@tanstack/react-query";
import { CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { DocumentDetail } from "@/server/documents/get-document";
import { useTRPC } from "@/trpc/client";
import { useServerText } from "@/components/format/use-server-text";
import { reasonDetail } from "./review-labels";

/**
 * Why the document needs a person: each open reason (errors first), and for a possible duplicate
 * the other document, "Descartar este documento" and "No es duplicado".
 */
export function ReviewReasons({ doc, canWrite, queue, onChanged }: { doc: DocumentDetail; canWrite: boolean; queue: string; onChanged: (notice: string) => void }) {
  const t = useTranslations("documents");
  const trpc = useTRPC();
  const tr = useServerText();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const discard = useMutation(trpc.documents.discard.mutationOptions({ onSuccess: () => onChanged(t("queue.discarded")) }));
  const notDuplicate = useMutation(trpc.documents.markNotDuplicate.mutationOptions({ onSuccess: () => onChanged(t("queue.notDuplicateDone")) }));
  if (doc.status !== "COMPLETED") return null;
  const reasons = [...doc.reviewReasons].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  const duplicates = reasons.filter((r) => r.code === "DUPLICATE" && r.otherId);
  const error = discard.error ?? notDuplicate.error;

  return (
    <section aria-labelledby="motivos" className="flex flex-col gap-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="review-reasons">
      <h3 id="motivos" className="text-sm font-semibold text-slate-900">
        {t("queue.reasons")}
      </h3>
      {doc.discardedAt && <p className="text-sm text-slate-700">{t("queue.isDiscarded")}</p>}
      {reasons.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-green-800">
          <CircleCheck aria-hidden className="h-4 w-4" />
          {t("queue.noReasons")}
        </p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {reasons.map((r, i) => (
            <li key={i} className={r.severity === "error" ? "flex items-start gap-2 text-red-800" : "flex items-start gap-2 text-amber-800"} data-severity={r.severity}>
              {r.severity === "error" ? <CircleX aria-hidden className="mt-0.5 h-4 w-4 shrink-0" /> : <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />}
              <span>
                {reasonDetail(r, t, tr)}
                {r.importId && (r.code === "NOT_IN_AFIP" || r.code === "AFIP_DIFFERENCE") && (
                  <>
                    {" "}
                    <Link href={`/mis-comprobantes?import=${r.importId}`} className="text-brand-700 underline">
                      {t("queue.afipImport")}
                    </Link>
                  </>
                )}
                {r.code === "DUPLICATE" && r.otherId && (
                  <>
                    {" "}
                    <Link href={`/parse/${r.otherId}${queue ? `?${queue}` : ""}`} className="text-brand-700 underline">
                      {t("queue.duplicateOf")}
                    </Link>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && duplicates.length > 0 && !doc.discardedAt && (
        <div className="flex flex-wrap gap-2">
          {confirmDiscard ? (
            <div role="alertdialog" aria-labelledby="confirmar-descarte" className="flex flex-wrap items-center gap-2">
              <p id="confirmar-descarte" className="text-sm text-slate-800">
                {t("queue.discardConfirm")}
              </p>
              <Button variant="danger" className="px-3 py-1" disabled={discard.isPending} onClick={() => discard.mutate({ id: doc.id })}>
                {t("queue.discard")}
              </Button>
              <Button variant="secondary" className="px-3 py-1" onClick={() => setConfirmDiscard(false)}>
                {t("review.cancel")}
              </Button>
            </div>
          ) : (
            <>
              <Button variant="secondary" className="px-3 py-1" onClick={() => setConfirmDiscard(true)}>
                {t("queue.discard")}
              </Button>
              <Button variant="secondary" className="px-3 py-1" disabled={notDuplicate.isPending} onClick={() => notDuplicate.mutate({ id: doc.id })}>
                {t("queue.notDuplicate")}
              </Button>
            </>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.message}
        </p>
      )}
    </section>
  );
}
