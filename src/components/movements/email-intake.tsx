"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
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
  const [tab, setTab] = useState<Tab>("paste");
  const tabs: { key: Tab; label: string }[] = [
    { key: "paste", label: "Pegar texto" },
    { key: "eml", label: "Subir .eml" },
    { key: "inbound", label: "Correo entrante" },
  ];
  return (
    <section aria-labelledby="intake" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="intake" className="text-base font-semibold">
        Cargar correo bancario
      </h2>
      <p className="mt-1 text-sm text-slate-600">n8n lee el aviso del banco, crea el movimiento, lo clasifica y evalúa tus alertas.</p>
      <div role="tablist" aria-label="Cómo cargar el correo" className="mt-4 flex gap-2">
        {tabs.map((t) => (
          <button
            key={t.key}
            role="tab"
            type="button"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            onClick={() => setTab(t.key)}
            className={cn("rounded-md px-3 py-1.5 text-sm font-medium", tab === t.key ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
          >
            {t.label}
          </button>
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
  const trpc = useTRPC();
  const refresh = useRefreshMovements();
  const paste = useMutation(trpc.movements.pasteEmail.mutationOptions());
  const [values, setValues] = useState({ from: "", subject: "", body: "" });
  const [notice, setNotice] = useState<string | null>(null);
  const errors = fieldErrors(paste.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    try {
      const r = await paste.mutateAsync(values);
      setValues({ from: "", subject: "", body: "" });
      setNotice(r.duplicate ? "Ese correo ya estaba cargado." : "Correo recibido: n8n lo está procesando…");
      await refresh();
    } catch {
      /* shown below */
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Remitente (opcional)" placeholder="avisos@banco.com.ar" value={values.from} onChange={(e) => setValues({ ...values, from: e.target.value })} error={errors.from?.[0]} />
        <TextField label="Asunto (opcional)" value={values.subject} onChange={(e) => setValues({ ...values, subject: e.target.value })} error={errors.subject?.[0]} />
      </div>
      <TextAreaField
        label="Texto del correo"
        rows={5}
        value={values.body}
        onChange={(e) => setValues({ ...values, body: e.target.value })}
        error={errors.body?.[0]}
        hint="Pegá el aviso tal como llegó. También podés pegar el mensaje completo con sus encabezados."
      />
      {paste.isError && Object.keys(errors).length === 0 && <Alert>{paste.error.message}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <div>
        <Button type="submit" disabled={paste.isPending}>
          {paste.isPending ? "Enviando…" : "Procesar correo"}
        </Button>
      </div>
    </form>
  );
}

function EmlUpload() {
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
        out.push({ name: file.name, ok: false, text: "supera 2 MB" });
        continue;
      }
      try {
        const r = await upload.mutateAsync({ fileName: file.name, content: await file.text() });
        out.push({ name: file.name, ok: true, text: r.duplicate ? "ya estaba cargado" : "recibido, procesando…" });
      } catch (e) {
        out.push({ name: file.name, ok: false, text: Object.values(fieldErrors(e))[0]?.[0] ?? (e instanceof Error ? e.message : "error") });
      }
      setResults([...out]);
    }
    setBusy(false);
    await refresh();
  };
  return (
    <div className="flex flex-col gap-3">
      <label className="flex cursor-pointer flex-col items-center gap-2 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 hover:border-brand-600">
        <span className="font-medium text-slate-900">Elegí uno o varios archivos .eml</span>
        <span>Los exportás desde tu cliente de correo («Guardar como» / «Descargar mensaje»).</span>
        <input type="file" accept=".eml,message/rfc822" multiple className="sr-only" disabled={busy} onChange={(e) => void onFiles(e.target.files)} aria-label="Archivos .eml" />
      </label>
      {busy && <p role="status" className="text-sm text-slate-600">Subiendo…</p>}
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rotate = useMutation(trpc.movements.rotateInboundToken.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.profile.queryKey() }) }));
  return (
    <div className="flex flex-col gap-3 text-sm text-slate-700">
      <p>
        Configurá tu proveedor de correo (Postmark, SendGrid Inbound Parse, Mailgun, Cloudflare Email Workers…) para reenviar los avisos del banco con un POST a esta dirección. Acepta el mensaje
        crudo (message/rfc822), JSON o formulario. La dirección incluye un token secreto: se muestra una sola vez.
      </p>
      {rotate.data ? (
        <CopyField label="Dirección de correo entrante" value={rotate.data.url} />
      ) : (
        <p className="text-slate-600">{configured ? `Hay una dirección activa (termina en ${hint}).` : "Todavía no generaste una dirección."}</p>
      )}
      {isAdmin ? (
        <div>
          <Button variant="secondary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
            {configured || rotate.data ? "Generar una dirección nueva (la anterior deja de funcionar)" : "Generar dirección"}
          </Button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Solo un administrador puede generar la dirección.</p>
      )}
      {rotate.isError && <Alert>{rotate.error.message}</Alert>}
    </div>
  );
}
