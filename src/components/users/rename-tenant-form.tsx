"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/trpc/client";

/** OWNER/ADMIN: rename the organization (audited server-side; the header picks the new name up on refresh). */
export function RenameTenantForm({ currentName, onRenamed }: { currentName: string; onRenamed?: () => void }) {
  const t = useTranslations("users.org");
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(currentName);
  const rename = useMutation(
    trpc.tenant.rename.mutationOptions({
      onSuccess: () => {
        router.refresh();
        onRenamed?.();
      },
    }),
  );
  return (
    <section aria-labelledby="org-title" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="org-title" className="mb-1 text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mb-4 text-sm text-slate-600">{t("help")}</p>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          rename.mutate({ name });
        }}
      >
        <TextField label={t("name")} name="orgName" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required className="min-w-64 flex-1" />
        <Button type="submit" disabled={rename.isPending || name.trim() === currentName}>
          {rename.isPending ? t("saving") : t("save")}
        </Button>
      </form>
      {rename.isSuccess && <Alert tone="success">{t("saved")}</Alert>}
      {rename.isError && <Alert>{rename.error.message}</Alert>}
    </section>
  );
}
