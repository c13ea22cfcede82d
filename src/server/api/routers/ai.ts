import { decideSuggestionInput, documentIdInput, suggestionQueueInput, promptDiffInput, promptHistoryInput, restorePromptInput, saveAiProviderInput, savePromptInput } from "@/lib/schemas/ai";
import { promptDiff, promptHistory, restorePrompt, savePrompt } from "@/server/ai/prompts";
import { deleteAiProvider, getAiProvider, saveAiProvider, testAiProvider } from "@/server/ai/provider-config";
import { decideSuggestion, listSuggestions, regenerateSuggestions, suggestionQueue } from "@/server/ai/suggestions/manage";
import { adminProcedure, createRouter, tenantProcedure, writerProcedure } from "../trpc";

export const aiRouter = createRouter({
  provider: adminProcedure.query(({ ctx }) => getAiProvider(ctx.scope)),
  saveProvider: adminProcedure.input(saveAiProviderInput).mutation(({ ctx, input }) => saveAiProvider(ctx.scope, input)),
  deleteProvider: adminProcedure.mutation(({ ctx }) => deleteAiProvider(ctx.scope)),
  testProvider: adminProcedure.mutation(({ ctx }) => testAiProvider(ctx.scope)),

  promptHistory: adminProcedure.input(promptHistoryInput).query(({ ctx, input }) => promptHistory(ctx.scope, input.task)),
  savePrompt: adminProcedure.input(savePromptInput).mutation(({ ctx, input }) => savePrompt(ctx.scope, input)),
  restorePrompt: adminProcedure.input(restorePromptInput).mutation(({ ctx, input }) => restorePrompt(ctx.scope, input)),
  promptDiff: adminProcedure.input(promptDiffInput).query(({ ctx, input }) => promptDiff(ctx.scope, input)),

  suggestionQueue: tenantProcedure.input(suggestionQueueInput).query(({ ctx, input }) => suggestionQueue(ctx.scope, input)),
  suggestions: tenantProcedure.input(documentIdInput).query(({ ctx, input }) => listSuggestions(ctx.scope, input.documentId)),
  generateSuggestions: writerProcedure.input(documentIdInput).mutation(({ ctx, input }) => regenerateSuggestions(ctx.scope, input.documentId)),
  decideSuggestion: writerProcedure.input(decideSuggestionInput).mutation(({ ctx, input }) => decideSuggestion(ctx.scope, input)),
});
