/**
 * A same-origin redirect with a relative Location. `req.url` inside `next start` says
 * "localhost" even when the browser used 127.0.0.1, and cookies are per host.
 */
export function localRedirect(path: string | null, fallback = "/panel"): Response {
  const target = path?.startsWith("/") && !path.startsWith("//") ? path : fallback;
  return new Response(null, { status: 303, headers: { location: target } });
}
