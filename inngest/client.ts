import { Inngest } from "inngest";
import { engineUrl, isEmbedded, localEventKey, localSigningKey } from "./embedded/config";

/**
 * The one Inngest client. Identical app code in both modes: only where it points differs
 * (see embedded/config.ts). Checkpointing keeps the SDK's default (on): consecutive steps run in
 * one request and each result is saved by the engine (or Inngest) before the next. The embedded
 * engine decides per call (INNGEST_ENGINE_CHECKPOINTING=0 → one request per step).
 */
export const inngest = new Inngest({
  id: "contaflow",
  ...(isEmbedded() ? { baseUrl: engineUrl(), signingKey: localSigningKey(), eventKey: localEventKey(), isDev: false } : {}),
});
