import { documentSuggestions } from "./ai/document-suggestions";
import { parseDocument } from "./documents/parse-document";
import { pendingParseSweep } from "./documents/pending-sweep";
import { exportFunctions } from "./exports";
import { libroIvaGenerate } from "./libro-iva/generate";
import { syncFunctions } from "./sync";
import { n8nFunctions } from "./n8n";
import { webhookDeliver } from "./webhooks/deliver";
import { webhookFanOut } from "./webhooks/fan-out";
import { outboxSweep } from "./webhooks/outbox-sweep";
import { retentionCleanup } from "./webhooks/retention";

/** Every function the app serves at /api/inngest. */
export const functions = [webhookFanOut, webhookDeliver, outboxSweep, retentionCleanup, parseDocument, pendingParseSweep, documentSuggestions, ...n8nFunctions, ...exportFunctions, ...syncFunctions, libroIvaGenerate];
