/**
 * Security headers for every response (applied in src/proxy.ts). Pages get a nonce-based CSP:
 * Next puts the nonce on its own scripts when it finds it in the request's CSP header, and
 * 'strict-dynamic' lets those scripts load the chunks they need. Styles stay 'unsafe-inline'
 * (React style attributes, the charts' injected styles; CSS cannot run code).
 * API responses are data: nothing may load from them. Nobody may frame us, except our own
 * document preview framing the stored file.
 */
export type HeaderContext = { pathname: string; nonce: string; https: boolean; dev: boolean };

const FILE_PREVIEW = /^\/api\/documents\/[^/]+\/file$/;

/**
 * The OAuth consent form posts to us and we redirect to the client's registered redirect URI;
 * browsers apply form-action to that redirect, so this one page cannot restrict it.
 */
const CONSENT_PAGE = "/oauth/autorizar";

function pageCsp(nonce: string, https: boolean, dev: boolean, formAction: boolean): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval' only for React's development build (never under next start).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(formAction ? ["form-action 'self'"] : []),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(c: HeaderContext): Record<string, string> {
  const preview = FILE_PREVIEW.test(c.pathname);
  const api = c.pathname.startsWith("/api/");
  const csp = preview
    ? "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    : api
      ? "default-src 'none'; frame-ancestors 'none'"
      : pageCsp(c.nonce, c.https, c.dev, c.pathname !== CONSENT_PAGE);
  return {
    "content-security-policy": csp,
    "x-frame-options": preview ? "SAMEORIGIN" : "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
    "cross-origin-opener-policy": "same-origin",
    ...(c.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
