"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { TextAreaField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { cn } from "@/components/ui/cn";
import { useTRPC } from "@/trpc/client";

type Tab = "paste" | "eml" | "inbound";
const fieldErrors = (e: unknown) => (e instanceof TRPCClientError ? ((e.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {}) : {});

/** Bank e-mails in: paste the text, upload a .eml, or forward them to the organization's inbound address. */
export function EmailIntake({ isAdmin, inboundConfigured, inboundHint }: { isAdmin: boolean; inboundConfigured: boolean; inboundHint: string | null }) {
  const t = useTranslations("movements.intake");
  const [tab, setTab] = useState<Tab>("paste");
  const tabs: { key: Tab; label: string }[] = [
    { key: "paste", label: t("tabs.paste") },
    { key: "eml", label: t("tabs.eml") },
    { key: "inbound", label: t("tabs.inbound") },
  ];
  return (
    <section aria-labelledby="intake" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="intake" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
      <div role="tablist" aria-label={t("tabsLabel")} className="mt-4 flex gap-2">
        {tabs.map((item) => (
          <Button
            unstyled
            key={item.key}
            role="tab"
            type="button"
            id={`tab-${item.key}`}
            aria-selected={tab === item.key}
            aria-controls={`panel-${item.key}`}
            onClick={() => setTab(item.key)}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium", tab === item.key ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {item.label}
          </Button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="mt-4">
        {tab === "paste" && <PasteForm />}
        {tab === "eml" && <EmlUpload />}
        {tab === "inbound" && <Inbound isAdmin={isAdmin} configured={inboundConfigured} hint={inboundHint} />}
      </div>
    </section>
  );
}

function useRefreshMovements() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.movements.transactions.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.movements.emails.queryKey() })]);
}

function PasteForm() {
  const t = useTranslations("movements.paste");
  const trpc = useTRPC();
  const refresh = useRefreshMovements();
  const paste = useMutation(trpc.movements.pasteEmail.mutationOptions());
  const [values, setValues] = useState({ from: "", subject: "", body: "" });
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  const emails = useQuery(trpc.movements.emails.queryOptions({}));
  // The green "received" notice lasts while the e-mail is on its way; a failure is shown by the board instead.
  const settled = notice && emails.data?.find((e) => e.id === notice.id && (e.status === "FAILED" || e.status === "MANUAL_REVIEW"));
  const errors = fieldErrors(paste.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    try {
      const r = await paste.mutateAsync(values);
      setValues({ from: "", subject: "", body: "" });
      setNotice({ id: r.id, text: r.duplicate ? t("duplicate") : t("received") });
      await refresh();
    } catch {
      /* shown below */
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t("from")} placeholder={t("fromPlaceholder")} value={values.from} onChange={(e) => setValues({ ...values, from: e.target.value })} error={errors.from?.[0]} />
        <TextField label={t("subject")} value={values.subject} onChange={(e) => setValues({ ...values, subject: e.target.value })} error={errors.subject?.[0]} />
      </div>
      <TextAreaField
        label={t("body")}
        rows={5}
        value={values.body}
        onChange={(e) => setValues({ ...values, body: e.target.value })}
        error={errors.body?.[0]}
        hint={t("bodyHint")}
      />
      {paste.isError && Object.keys(errors).length === 0 && <Alert>{paste.error.message}</Alert>}
      {notice && !settled && <Alert tone="success">{notice.text}</Alert>}
      <div>
        <Button type="submit" disabled={paste.isPending}>
          {paste.isPending ? t("sending") : t("submit")}
        </Button>
      </div>
    </form>
  );
}

function EmlUpload() {
  const t = useTranslations("movements.eml");
  const trpc = useTRPC();
  const refresh = useRefreshMovements();
  const upload = useMutation(trpc.movements.uploadEml.mutationOptions());
  const [results, setResults] = useState<{ name: string; ok: boolean; text: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const out: typeof results = [];
    for (const file of Array.from(files)) {
      if (file.size > 2_000_000) {
        out.push({ name: file.name, ok: false, text: t("tooLarge") });
        continue;
      }
      try {
        const r = await upload.mutateAsync({ fileName: file.name, content: await file.text() });
        out.push({ name: file.name, ok: true, text: r.duplicate ? t("duplicate") : t("received") });
      } catch (e) {
        out.push({ name: file.name, ok: false, text: Object.values(fieldErrors(e))[0]?.[0] ?? (e instanceof Error ? e.message : t("error")) });
      }
      setResults([...out]);
    }
    setBusy(false);
    await refresh();
  };
  return (
    <div className="flex flex-col gap-3">
      <label className="flex cursor-pointer flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 hover:border-brand-600">
        <span className="font-medium text-slate-900">{t("choose")}</span>
        <span>{t("help")}</span>
        <input type="file" accept=".eml,message/rfc822" multiple className="sr-only" disabled={busy} onChange={(e) => void onFiles(e.target.files)} aria-label={t("inputLabel")} />
      </label>
      {busy && <p role="status" className="text-sm text-slate-600">{t("uploading")}</p>}
      {results.length > 0 && (
        <ul className="text-sm">
          {results.map((r, i) => (
            <li key={i} className={r.ok ? "text-green-700" : "text-red-700"}>
              {r.name}: {r.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Inbound({ isAdmin, configured, hint }: { isAdmin: boolean; configured: boolean; hint: string | null }) {
  const t = useTranslations("movements.inbound");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rotate = useMutation(trpc.movements.rotateInboundToken.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.profile.queryKey() }) }));
  return (
    <div className="flex flex-col gap-3 text-sm text-slate-700">
      <p>{t("help")}</p>
      {rotate.data ? (
        <CopyField label={t("addressLabel")} value={rotate.data.url} />
      ) : (
        <p className="text-slate-600">{configured ? t("active", { hint: hint ?? "" }) : t("none")}</p>
      )}
      {isAdmin ? (
        <div>
          <Button variant="secondary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
            {configured || rotate.data ? t("rotate") : t("generate")}
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">{t("adminOnly")}</p>
      )}
      {rotate.isError && <Alert>{rotate.error.message}</Alert>}
    </div>
  );
}
