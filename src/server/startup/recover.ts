import "server-only";
import { resendPendingAtStartup } from "@/server/documents/resend-pending";
import { recoverOutboxAtStartup } from "@/server/events/outbox-recovery";

/**
 * What a starting process takes over from one that stopped or was killed, once the app's functions
 * are registered with Inngest: outbox events never handed over, and parse requests never sent.
 * Both are safe to repeat while another live process does the same (idempotent event ids).
 */
export async function recoverAtStartup(): Promise<void> {
  await Promise.all([recoverOutboxAtStartup(), resendPendingAtStartup()]);
}
