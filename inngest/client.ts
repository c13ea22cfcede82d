import { Inngest } from "inngest";
import { engineUrl, isEmbedded, localSigningKey } from "./embedded/config";

/**
 * The one Inngest client. Identical app code in both modes: only where it points differs
 * (see embedded/config.ts). Checkpointing is off so every step is one request the engine
 * records (the classic protocol, which Inngest Cloud also speaks).
 */
export const inngest = new Inngest({
  id: "contaflow",
  checkpointing: false,
  ...(isEmbedded() ? { baseUrl: engineUrl(), signingKey: localSigningKey(), eventKey: "embedded", isDev: false } : {}),
});
