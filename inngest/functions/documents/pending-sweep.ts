import { inngest } from "../../client";
import { resendPendingParses } from "@/server/documents/resend-pending";

/** Safety net for uploads whose parse request was lost (see resendPendingParses). */
export const pendingParseSweep = inngest.createFunction(
  { id: "documents-pending-sweep", name: "Documentos: reenviar parseos pendientes", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => ({ resent: await step.run("resend-pending", () => resendPendingParses()) }),
);
