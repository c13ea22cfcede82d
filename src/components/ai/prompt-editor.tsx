"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, RotateCcw } from "lucide-react";
import { useFormatter } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { cn } from "@/components/ui/cn";
import { AI_TASK_LABELS, AI_TASK_NAMES, type AiTaskName } from "@/lib/schemas/ai";
import type { PromptVersionView } from "@/server/ai/prompts";
import { useTRPC } from "@/trpc/client";

/** Prompts per task: edit (a new version per save), history, diff against the active one, restaurar. */
export function PromptEditor() {
  const [task, setTask] = useState<AiTaskName>("classification");
  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label="Tarea" className="flex flex-wrap gap-2">
        {AI_TASK_NAMES.map((t) => (
          <button
            key={t}
            role="tab"
            type="button"
            aria-selected={task === t}
            onClick={() => setTask(t)}
            className={cn("rounded-full border px-3 py-1 text-sm", task === t ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50")}
          >
            {AI_TASK_LABELS[t]}
          </button>
        ))}
      </div>
      <TaskPrompts key={task} task={task} />
    </div>
  );
}

function TaskPrompts({ task }: { task: AiTaskName }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.ai.promptHistory.queryOptions({ task }));
  // Kept here: the editor below is re-created when the active version changes.
  const [notice, setNotice] = useState<string | null>(null);
  if (history.isPending) return <p className="text-sm text-slate-500">Cargando…</p>;
  if (history.isError) return <Alert>{history.error.message}</Alert>;
  const active = history.data.find((v) => v.active)!;
  return <TaskPromptsLoaded key={active.version} task={task} versions={history.data} active={active} notice={notice} setNotice={setNotice} />;
}

type LoadedProps = { task: AiTaskName; versions: PromptVersionView[]; active: PromptVersionView; notice: string | null; setNotice: (n: string | null) => void };

function TaskPromptsLoaded({ task, versions, active, notice, setNotice }: LoadedProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const [content, setContent] = useState(active.content);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [compare, setCompare] = useState<number | null>(null);
  const save = useMutation(trpc.ai.savePrompt.mutationOptions());
  const restore = useMutation(trpc.ai.restorePrompt.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.ai.promptHistory.queryKey({ task }) });

  const onSave = async () => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ task, content, note: note || undefined });
      setNotice(`Guardada la versión ${saved.version}.`);
      setNote("");
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "No pudimos guardar el prompt");
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby={`edit-${task}`} className="flex flex-col gap-3">
        <h3 id={`edit-${task}`} className="text-base font-semibold">
          Versión activa: {active.isDefault ? "predeterminada" : `v${active.version}`}
        </h3>
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <Alert>{error}</Alert>}
        <TextAreaField label="Prompt" rows={12} value={content} onChange={(e) => setContent(e.target.value)} className="font-mono" />
        <TextField label="Nota del cambio (opcional)" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Qué cambiaste y por qué" />
        <div className="flex gap-3">
          <Button type="button" onClick={() => void onSave()} disabled={save.isPending || content.trim() === active.content}>
            {save.isPending ? "Guardando…" : "Guardar nueva versión"}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setContent(active.content)} disabled={content === active.content}>
            Descartar cambios
          </Button>
        </div>
      </section>

      <section aria-labelledby={`history-${task}`} className="flex flex-col gap-3">
        <h3 id={`history-${task}`} className="flex items-center gap-2 text-base font-semibold">
          <History className="h-4 w-4" aria-hidden /> Historial
        </h3>
        <ol className="flex flex-col gap-2" aria-label="Versiones del prompt">
          {versions.map((v) => (
            <li key={v.version} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{v.isDefault ? "Predeterminada (v0)" : `v${v.version}`}</span>
                {v.active && <Badge tone="green">Activa</Badge>}
                {v.restoredFromVersion !== null && <Badge tone="slate">Restaurada de v{v.restoredFromVersion}</Badge>}
              </div>
              <p className="mt-1 text-slate-600">
                {v.note ?? "Sin nota"}
                {v.createdByName && ` · ${v.createdByName}`}
                {v.createdAt && ` · ${format.dateTime(v.createdAt, { dateStyle: "short", timeStyle: "short" })}`}
              </p>
              {!v.active && (
                <div className="mt-2 flex gap-2">
                  <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-expanded={compare === v.version} onClick={() => setCompare(compare === v.version ? null : v.version)}>
                    {compare === v.version ? "Ocultar diferencias" : "Ver diferencias"}
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    disabled={restore.isPending}
                    aria-label={`Restaurar ${v.isDefault ? "la predeterminada" : `v${v.version}`}`}
                    onClick={() =>
                      restore.mutate(
                        { task, version: v.version },
                        { onSuccess: (r) => (setNotice(`Restaurada como versión ${r.version}.`), void refresh()), onError: (e) => setError(e.message) },
                      )
                    }
                  >
                    <RotateCcw className="h-3 w-3" aria-hidden /> Restaurar
                  </Button>
                </div>
              )}
              {compare === v.version && <PromptDiff task={task} from={v.version} to={active.version} />}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function PromptDiff({ task, from, to }: { task: AiTaskName; from: number; to: number }) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.ai.promptDiff.queryOptions({ task, from, to }));
  if (diff.isPending) return <p className="mt-2 text-xs text-slate-500">Comparando…</p>;
  if (diff.isError) return <Alert>{diff.error.message}</Alert>;
  return (
    <figure className="mt-2">
      <figcaption className="mb-1 text-xs text-slate-500">
        Diferencias de v{from} a la activa (v{to}): <span className="text-red-700">− quitado</span> · <span className="text-green-700">+ agregado</span>
      </figcaption>
      <pre aria-label="Diferencias" className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">
        {diff.data.parts.map((p, i) =>
          p.text
            .replace(/\n$/, "")
            .split("\n")
            .map((line, j) => (
              <span
                key={`${i}-${j}`}
                className={cn("block", p.kind === "added" && "bg-green-50 text-green-800", p.kind === "removed" && "bg-red-50 text-red-800 line-through decoration-red-300")}
              >
                {p.kind === "added" ? "+ " : p.kind === "removed" ? "− " : "  "}
                {line}
              </span>
            )),
        )}
      </pre>
    </figure>
  );
}
