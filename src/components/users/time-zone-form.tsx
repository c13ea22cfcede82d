"use client";
import { useMutation } from "@tanstack/react-query";
import { useNow, useTimeZone, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { useFormat } from "@/components/format/use-format";
import { DEFAULT_TIME_ZONE, timeZoneOptions } from "@/lib/format/time-zone";
import { useTRPC } from "@/trpc/client";

/**
 * OWNER/ADMIN: the organization's time zone (audited server-side). The current one is the page's
 * next-intl zone; after saving, a refresh re-renders every date in the new zone.
 */
export function TimeZoneForm() {
  const t = useTranslations("users.org");
  const f = useFormat();
  const now = useNow();
  const trpc = useTRPC();
  const router = useRouter();
  const current = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const [timeZone, setTimeZone] = useState(current);
  const options = useMemo(() => timeZoneOptions().map((z) => ({ value: z, label: z.replaceAll("_", " ") })), []);
  const save = useMutation(trpc.tenant.setTimeZone.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <section aria-labelledby="org-zone-title" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="org-zone-title" className="mb-1 text-base font-semibold">
        {t("timeZoneTitle")}
      </h2>
      <p className="mb-4 text-sm text-slate-600">{t("timeZoneHelp", { now: f.dateTime(now) })}</p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ timeZone });
        }}
      >
        <SelectField label={t("timeZone")} name="timeZone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={options} className="min-w-64 flex-1" />
        <Button type="submit" disabled={save.isPending || timeZone === current}>
          {save.isPending ? t("saving") : t("saveTimeZone")}
        </Button>
      </form>
      {save.isSuccess && <Alert tone="success">{t("timeZoneSaved")}</Alert>}
      {save.isError && <Alert>{save.error.message}</Alert>}
    </section>
  );
}
