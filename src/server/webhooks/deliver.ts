/**
 * The body of one Inngest `step.run`: sign at send time (one id, one clock read), then make
 * exactly one HTTP attempt. The step records the returned result and calls `planNextStep`.
 */
import type { Dispatcher } from "undici";
import { sendAttempt, type AttemptResult } from "./attempt";
import { signDelivery, type SigningKeys } from "./signing";

export interface DeliveryAttemptInput {
  url: string;
  /** The message id (UUID), stable across retries: webhook-id = X-Request-Id. */
  messageId: string;
  eventType: string;
  attempt: number;
  /** Body bytes as stored with the message. */
  body: Buffer;
  keys: SigningKeys;
  timeoutMs?: number;
  /** The endpoint's custom headers (validated at save time never to collide with ours). */
  extraHeaders?: Record<string, string>;
  dispatcher?: Dispatcher;
  now?: Date;
}

export function deliverAttempt(input: DeliveryAttemptInput): Promise<AttemptResult> {
  const headers = signDelivery({ messageId: input.messageId, eventType: input.eventType, attempt: input.attempt, body: input.body, keys: input.keys, now: input.now });
  return sendAttempt({ url: input.url, body: input.body, headers: { ...input.extraHeaders, ...headers }, timeoutMs: input.timeoutMs, dispatcher: input.dispatcher });
}
