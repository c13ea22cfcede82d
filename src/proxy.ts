import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { securityHeaders } from "@/server/http/security-headers";

/**
 * Every request: a fresh CSP nonce handed to Next through the request's CSP header (Next
 * applies it to the scripts it renders) and the security headers on the response.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    https: new URL(env().APP_URL).protocol === "https:",
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
