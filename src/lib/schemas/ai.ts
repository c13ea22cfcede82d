import { z } from "zod";

export const AI_TASK_NAMES = ["extraction", "classification", "suggestions"] as const;
export type AiTaskName = (typeof AI_TASK_NAMES)[number];

export const aiTaskSchema = z.enum(AI_TASK_NAMES);

/** The provider form. An empty `apiKey` keeps the stored key; `clearApiKey` removes it. */
export const saveAiProviderInput = z.object({
  baseUrl: z.string().trim().min(1, "Ingresá la URL base del proveedor").max(2048),
  model: z.string().trim().min(1, "Ingresá el modelo").max(200),
  apiKey: z.string().trim().max(500).optional(),
  clearApiKey: z.boolean().optional(),
  timeoutSeconds: z.coerce.number().int().min(1, "Mínimo 1 segundo").max(120, "Máximo 120 segundos").default(30),
  extractionEnabled: z.boolean(),
  classificationEnabled: z.boolean(),
  suggestionsEnabled: z.boolean(),
});
export type SaveAiProviderInput = z.input<typeof saveAiProviderInput>;

export const savePromptInput = z.object({
  task: aiTaskSchema,
  content: z.string().trim().min(10, "El prompt es demasiado corto").max(20_000, "Máximo 20.000 caracteres"),
  note: z.string().trim().max(200).optional(),
});
export const promptHistoryInput = z.object({ task: aiTaskSchema });
export const restorePromptInput = z.object({ task: aiTaskSchema, version: z.number().int().min(0) });
export const promptDiffInput = z.object({ task: aiTaskSchema, from: z.number().int().min(0), to: z.number().int().min(0) });

export const documentIdInput = z.object({ documentId: z.string().min(1) });
export const decideSuggestionInput = z.object({ id: z.string().min(1), decision: z.enum(["ACCEPTED", "REJECTED"]) });
export const suggestionQueueInput = z.object({ onlyPending: z.boolean().optional() });
