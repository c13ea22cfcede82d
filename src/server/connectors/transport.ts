/** The connectors' error type and guarded agent, shared by the HTTP client and the OAuth token client. */
import "server-only";
import type { Dispatcher } from "undici";
import { createSafeAgent } from "@/server/net/safe-agent";
import type { ErrorClass } from "@/server/webhooks/error-class";

export type ConnectorErrorClass = ErrorClass | "AUTH_CONFIG" | "OAUTH_TOKEN" | "TOO_LARGE";

export class ConnectorCallError extends Error {
  constructor(
    readonly errorClass: ConnectorErrorClass,
    message: string,
    readonly details: { code?: string; url?: string; latencyMs?: number; status?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ConnectorCallError";
  }

  /** Worth another try later (network trouble, timeouts); not for configuration or SSRF problems. */
  get retryable(): boolean {
    return ["TIMEOUT", "CONNECTION_REFUSED", "CONNECTION_RESET", "NETWORK_UNREACHABLE", "DNS", "UNKNOWN"].includes(this.errorClass) || (this.errorClass === "OAUTH_TOKEN" && (this.details.status ?? 0) >= 500) ||
      // a step call's status (login, supplier lookup) thrown as an error
      this.errorClass === "HTTP_5XX" || (this.errorClass === "HTTP_4XX" && (this.details.status === 408 || this.details.status === 429));
  }
}

export const TIMEOUT_CODE = "ERR_CONNECTOR_TIMEOUT";

let sharedAgent: Dispatcher | undefined;
/** The process-wide guarded agent for connector calls (kept-alive connections per origin). */
export function connectorAgent(): Dispatcher {
  sharedAgent ??= createSafeAgent({ connections: 32 });
  return sharedAgent;
}

