"use client";
import { useFormat } from "@/components/format/use-format";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { ImportResult } from "./import-result";
import { UploadForm } from "./upload-form";
import { Button } from "@/components/ui/button";

function previousMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** /mis-comprobantes: pick the receptor CUIT and month, upload ARCA's file, read the result; earlier imports stay listed. */
export function Reconciliation({ tenantId, initialImportId }: { tenantId: string; initialImportId?: string }) {
  const t = useTranslations("misComprobantes");
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [receptorCuit, setReceptor] = useState("");
  const [period, setPeriod] = useState(previousMonth);
  const [selected, setSelected] = useState<string | null>(initialImportId ?? null);
  const history = useQuery({ ...trpc.misComprobantes.list.queryOptions({ receptorCuit, period }), enabled: /^\d{11}$/.test(receptorCuit) && /^\d{4}-\d{2}$/.test(period) });

  const imported = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: trpc.misComprobantes.list.queryKey() });
    setSelected(id);
  };
  return (
    <div className="flex flex-col gap-4">
      <UploadForm tenantId={tenantId} receptorCuit={receptorCuit} period={period} onReceptor={setReceptor} onPeriod={setPeriod} onImported={imported} />
      {history.data && history.data.length > 0 && (
        <nav aria-label={t("history.label")} className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600">{t("history.label")}:</span>
          {history.data.map((i) => (
            <Button unstyled key={i.id} type="button" onClick={() => setSelected(i.id)} aria-current={selected === i.id} className={selected === i.id ? "rounded-md bg-brand-600 px-2 py-1 text-white" : "rounded-md border border-slate-300 px-2 py-1"}>
              {f.dateTime(i.createdAt)} · {i.fileName}
            </Button>
          ))}
        </nav>
      )}
      {selected ? <ImportResult id={selected} /> : <p className="text-sm text-slate-500">{t("result.empty")}</p>}
    </div>
  );
}
