"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { TextAreaField } from "@/components/ui/form-fields";
import { SAMPLE_DOCUMENT } from "./sample-document";

/** "Vista previa": evaluates the mapping on the server against a sample document the admin can edit. */
export function MappingPreview({ mapping, title, sample: initialSample = SAMPLE_DOCUMENT }: { mapping: string; title: string; sample?: unknown }) {
  const t = useTranslations("connectors");
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [sample, setSample] = useState(() => JSON.stringify(initialSample, null, 2));
  const preview = useMutation(trpc.connectors.previewMapping.mutationOptions());
  const result = preview.data;

  if (!open) {
    return (
      <div>
        <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => setOpen(true)}>
          {t("mappingPreview.open", { title })}
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <TextAreaField label={t("mappingPreview.sample", { title })} rows={8} value={sample} onChange={(e) => setSample(e.target.value)} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" className="px-3 py-1" disabled={preview.isPending} onClick={() => preview.mutate({ mapping, sample })}>
          {preview.isPending ? t("mappingPreview.evaluating") : t("mappingPreview.run")}
        </Button>
        <Button type="button" variant="ghost" className="px-3 py-1" onClick={() => setOpen(false)}>
          {t("mappingPreview.close")}
        </Button>
      </div>
      {preview.error && <p role="alert" className="text-xs text-red-700">{preview.error.message}</p>}
      {result && !result.ok && (
        <p role="alert" className="text-xs font-medium text-red-700">
          {result.message}
        </p>
      )}
      {result?.ok && (
        <div>
          <p className="text-xs font-medium text-slate-700">{t("mappingPreview.result", { form: t(result.form === "identity" ? "mappingPreview.form.identity" : result.form === "object" ? "mappingPreview.form.object" : "mappingPreview.form.expression") })}</p>
          <pre aria-label={t("mappingPreview.resultLabel", { title })} className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-white p-2 font-mono text-xs">
            {JSON.stringify(result.output, null, 2) ?? t("mappingPreview.empty")}
          </pre>
        </div>
      )}
    </div>
  );
}
