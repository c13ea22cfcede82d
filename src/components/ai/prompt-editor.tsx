"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { History, RotateCcw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { cn } from "@/components/ui/cn";
import { AI_TASK_NAMES, type AiTaskName } from "@/lib/schemas/ai";
import type { PromptVersionView } from "@/server/ai/prompts";
import { useTRPC } from "@/trpc/client";

/** Prompts per task: edit (a new version per save), history, diff against the active one, restaurar. */
export function PromptEditor() {
  const t = useTranslations("ai");
  const [task, setTask] = useState<AiTaskName>("classification");
  return (
    <div className="flex flex-col gap-4">
      <div role="tablist" aria-label={t("prompts.task")} className="flex flex-wrap gap-2">
        {AI_TASK_NAMES.map((name) => (
          <Button
            unstyled
            key={name}
            role="tab"
            type="button"
            aria-selected={task === name}
            onClick={() => setTask(name)}
            className={cn("rounded-full border px-3 py-1 text-sm", task === name ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50")}
          >
            {t(`tasks.${name}`)}
          </Button>
        ))}
      </div>
      <TaskPrompts key={task} task={task} />
    </div>
  );
}

function TaskPrompts({ task }: { task: AiTaskName }) {
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const history = useQuery(trpc.ai.promptHistory.queryOptions({ task }));
  // Kept here: the editor below is re-created when the active version changes.
  const [notice, setNotice] = useState<string | null>(null);
  if (history.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (history.isError) return <Alert>{history.error.message}</Alert>;
  const active = history.data.find((v) => v.active)!;
  return <TaskPromptsLoaded key={active.version} task={task} versions={history.data} active={active} notice={notice} setNotice={setNotice} />;
}

type LoadedProps = { task: AiTaskName; versions: PromptVersionView[]; active: PromptVersionView; notice: string | null; setNotice: (n: string | null) => void };

function TaskPromptsLoaded({ task, versions, active, notice, setNotice }: LoadedProps) {
  const t = useTranslations("ai");
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
      setNotice(t("prompts.savedVersion", { version: saved.version }));
      setNote("");
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : t("prompts.saveFailed"));
    }
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <section aria-labelledby={`edit-${task}`} className="flex flex-col gap-3">
        <h3 id={`edit-${task}`} className="text-base font-semibold">
          {active.isDefault ? t("prompts.activeDefault") : t("prompts.active", { version: active.version })}
        </h3>
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <Alert>{error}</Alert>}
        <TextAreaField label={t("prompts.prompt")} rows={12} value={content} onChange={(e) => setContent(e.target.value)} className="font-mono" />
        <TextField label={t("prompts.note")} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("prompts.notePlaceholder")} />
        <div className="flex gap-3">
          <Button type="button" onClick={() => void onSave()} disabled={save.isPending || content.trim() === active.content}>
            {save.isPending ? t("prompts.saving") : t("prompts.save")}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setContent(active.content)} disabled={content === active.content}>
            {t("prompts.discard")}
          </Button>
        </div>
      </section>

      <section aria-labelledby={`history-${task}`} className="flex flex-col gap-3">
        <h3 id={`history-${task}`} className="flex items-center gap-2 text-base font-semibold">
          <History className="h-4 w-4" aria-hidden /> {t("prompts.history")}
        </h3>
        <ol className="flex flex-col gap-2" aria-label={t("prompts.versions")}>
          {versions.map((v) => (
            <li key={v.version} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{v.isDefault ? t("prompts.defaultVersion") : `v${v.version}`}</span>
                {v.active && <Badge tone="green">{t("prompts.activeBadge")}</Badge>}
                {v.restoredFromVersion !== null && <Badge tone="slate">{t("prompts.restoredFrom", { version: v.restoredFromVersion })}</Badge>}
              </div>
              <p className="mt-1 text-slate-600">
                {v.note ?? t("prompts.noNote")}
                {v.createdByName && ` · ${v.createdByName}`}
                {v.createdAt && ` · ${format.dateTime(v.createdAt, { dateStyle: "short", timeStyle: "short", hourCycle: "h23" })}`}
              </p>
              {!v.active && (
                <div className="mt-2 flex gap-2">
                  <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-expanded={compare === v.version} onClick={() => setCompare(compare === v.version ? null : v.version)}>
                    {compare === v.version ? t("prompts.hideDiff") : t("prompts.showDiff")}
                  </Button>
                  <Button
                    type="button"
                    variant="secondary"
                    className="px-2 py-1 text-xs"
                    disabled={restore.isPending}
                    aria-label={v.isDefault ? t("prompts.restoreDefault") : t("prompts.restoreVersion", { version: v.version })}
                    onClick={() =>
                      restore.mutate(
                        { task, version: v.version },
                        { onSuccess: (r) => (setNotice(t("prompts.restored", { version: r.version })), void refresh()), onError: (e) => setError(e.message) },
                      )
                    }
                  >
                    <RotateCcw className="h-3 w-3" aria-hidden /> {t("prompts.restore")}
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
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const diff = useQuery(trpc.ai.promptDiff.queryOptions({ task, from, to }));
  if (diff.isPending) return <p className="mt-2 text-xs text-slate-500">{t("prompts.comparing")}</p>;
  if (diff.isError) return <Alert>{diff.error.message}</Alert>;
  return (
    <figure className="mt-2">
      <figcaption className="mb-1 text-xs text-slate-500">
        {t.rich("prompts.diffCaption", {
          from,
          to,
          removed: (chunks) => <span className="text-red-700">{chunks}</span>,
          added: (chunks) => <span className="text-green-700">{chunks}</span>,
        })}
      </figcaption>
      <pre aria-label={t("prompts.diff")} className="max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs">
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
