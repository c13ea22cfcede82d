/**
 * The AI provider contract (this comment is its description): the parse pipeline and the
 * suggestions call `loadAiProvider(tenantId, task)` and get `null` when the tenant has no
 * provider or has the task toggled off — callers then skip AI cleanly. `completeJson` sends one
 * OpenAI-compatible chat completion in JSON mode and validates the reply with the caller's zod
 * schema; it throws `AiCallError` (Spanish message) on network, HTTP or validation problems.
 */
import "server-only";
import type { z } from "zod";
import type { AiProviderConfig } from "@/generated/prisma/client";
import { decryptSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db/client";
import { chatCompletionJson, type ChatOptions } from "./chat-client";
import { DEFAULT_PROMPTS } from "./default-prompts";

export type AiTask = "extraction" | "classification" | "suggestions";

export interface AiProvider {
  completeJson<T>(req: { system: string; user: string; schema: z.ZodType<T>; maxTokens?: number }): Promise<T>;
}

export { AiCallError } from "./chat-client";

/** Prisma's enum value for a task. */
export function taskEnum(task: AiTask) {
  return task.toUpperCase() as "EXTRACTION" | "CLASSIFICATION" | "SUGGESTIONS";
}

export function apiKeyAad(tenantId: string): string {
  return `ai-provider:${tenantId}`;
}

type ProviderTarget = Pick<AiProviderConfig, "tenantId" | "baseUrl" | "model" | "apiKeyEnc" | "timeoutMs">;

/** A provider for a stored configuration (also used by the test button before any toggle applies). */
export function providerFor(config: ProviderTarget, opts: ChatOptions = {}): AiProvider {
  const apiKey = config.apiKeyEnc ? decryptSecret(config.apiKeyEnc, apiKeyAad(config.tenantId)) : null;
  return {
    completeJson: (req) =>
      chatCompletionJson({ baseUrl: config.baseUrl, model: config.model, apiKey, timeoutMs: config.timeoutMs }, req, opts),
  };
}

function taskEnabled(config: AiProviderConfig, task: AiTask): boolean {
  switch (task) {
    case "extraction":
      return config.extractionEnabled;
    case "classification":
      return config.classificationEnabled;
    case "suggestions":
      return config.suggestionsEnabled;
  }
}

/** null when the tenant has no provider configured or the task is toggled off. */
export async function loadAiProvider(tenantId: string, task: AiTask): Promise<AiProvider | null> {
  const config = await db().aiProviderConfig.findUnique({ where: { tenantId } });
  if (!config || !taskEnabled(config, task)) return null;
  return providerFor(config);
}

/** The current version of the tenant's prompt for a task (the default when never edited). */
export async function activePrompt(tenantId: string, task: AiTask): Promise<string> {
  const latest = await db().aiPromptVersion.findFirst({
    where: { tenantId, task: taskEnum(task) },
    orderBy: { version: "desc" },
    select: { content: true },
  });
  return latest?.content ?? DEFAULT_PROMPTS[task];
}
