import "server-only";
import { env } from "@/env";

/**
 * Every absolute URL the API hands out (OpenAPI servers, OAuth endpoints, statusUrl, Location,
 * webhook links) is built from APP_URL — never from the request: behind a proxy the request says
 * 127.0.0.1 or an internal Host, and a client must never be sent there.
 */
export function appUrl(path = "/"): string {
  return new URL(path, env().APP_URL).toString();
}

/** APP_URL without a trailing slash (an OpenAPI server URL, the OAuth issuer). */
export function appOrigin(): string {
  return env().APP_URL.replace(/\/+$/, "");
}
