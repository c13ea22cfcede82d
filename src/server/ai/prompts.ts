/**
 * Versioned prompts per task. Version 0 is the built-in default (not stored); each save adds
 * version n+1 and the highest is active. "Restaurar" adds a new version with an older text, so
 * history only grows. Diffs are line diffs from the `diff` package.
 */
import "server-only";
import { diffLines } from "diff";
import type { AiTaskName } from "@/lib/schemas/ai";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { DEFAULT_PROMPTS } from "./default-prompts";
import { taskEnum } from "./provider";

export type PromptVersionView = {
  version: number;
  content: string;
  note: string | null;
  restoredFromVersion: number | null;
  createdByName: string | null;
  createdAt: Date | null;
  active: boolean;
  isDefault: boolean;
};

export type DiffPart = { kind: "added" | "removed" | "same"; text: string };

async function storedVersions(scope: TenantScope, task: AiTaskName) {
  return db().aiPromptVersion.findMany({
    where: scoped(scope, { task: taskEnum(task) }),
    orderBy: { version: "desc" },
    select: { version: true, content: true, note: true, restoredFromVersion: true, createdByName: true, createdAt: true },
  });
}

/** Newest first, ending with the built-in default (version 0). */
export async function promptHistory(scope: TenantScope, task: AiTaskName): Promise<PromptVersionView[]> {
  const rows = await storedVersions(scope, task);
  const all: PromptVersionView[] = rows.map((r, i) => ({ ...r, active: i === 0, isDefault: false }));
  all.push({ version: 0, content: DEFAULT_PROMPTS[task], note: "Prompt predeterminado de Contaflow", restoredFromVersion: null, createdByName: null, createdAt: null, active: rows.length === 0, isDefault: true });
  return all;
}

async function versionContent(scope: TenantScope, task: AiTaskName, version: number): Promise<string> {
  if (version === 0) return DEFAULT_PROMPTS[task];
  const row = await db().aiPromptVersion.findFirst({ where: scoped(scope, { task: taskEnum(task), version }), select: { content: true } });
  if (!row) throw AppError.notFound(`Versión ${version} del prompt`);
  return row.content;
}

async function addVersion(scope: TenantScope, task: AiTaskName, content: string, extra: { note?: string | null; restoredFromVersion?: number }) {
  const user = await db().user.findUnique({ where: { id: scope.userId }, select: { name: true } });
  // Serialised per (tenant, task) by the unique index: a concurrent save gets a CONFLICT to retry.
  const latest = await db().aiPromptVersion.findFirst({ where: scoped(scope, { task: taskEnum(task) }), orderBy: { version: "desc" }, select: { version: true, content: true } });
  const current = latest?.content ?? DEFAULT_PROMPTS[task];
  if (current === content) throw AppError.field("content", "El texto es igual a la versión activa; no hay nada que guardar");
  try {
    return await db().aiPromptVersion.create({
      data: {
        tenantId: scope.tenantId,
        task: taskEnum(task),
        version: (latest?.version ?? 0) + 1,
        content,
        note: extra.note || null,
        restoredFromVersion: extra.restoredFromVersion ?? null,
        createdById: scope.userId,
        createdByName: user?.name ?? null,
      },
      select: { version: true },
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "Otra persona guardó este prompt recién; recargá y volvé a intentar");
    throw e;
  }
}

export async function savePrompt(scope: TenantScope, input: { task: AiTaskName; content: string; note?: string }) {
  return addVersion(scope, input.task, input.content, { note: input.note });
}

/** "Restaurar": the old text becomes the newest version. */
export async function restorePrompt(scope: TenantScope, input: { task: AiTaskName; version: number }) {
  const content = await versionContent(scope, input.task, input.version);
  return addVersion(scope, input.task, content, { note: `Restaurada la versión ${input.version}`, restoredFromVersion: input.version });
}

export function diffTexts(from: string, to: string): DiffPart[] {
  return diffLines(from, to, { ignoreNewlineAtEof: true }).map((p) => ({ kind: p.added ? "added" : p.removed ? "removed" : "same", text: p.value }));
}

export async function promptDiff(scope: TenantScope, input: { task: AiTaskName; from: number; to: number }) {
  const [from, to] = await Promise.all([versionContent(scope, input.task, input.from), versionContent(scope, input.task, input.to)]);
  return { from: input.from, to: input.to, parts: diffTexts(from, to) };
}
