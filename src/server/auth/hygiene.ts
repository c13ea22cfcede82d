/**
 * Account hygiene on top of better-auth:
 * - a password change always ends the user's other sessions (UI and API alike);
 * - no response body carries a session token (the HttpOnly cookie is the only carrier);
 * - a finished password reset revokes every other outstanding reset link of that user.
 */
import { createAuthMiddleware } from "better-auth/api";
import { db } from "@/server/db/client";

export const beforeHook = createAuthMiddleware(async (ctx) => {
  if (ctx.path === "/change-password") return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } };
});

function withoutTokens(value: unknown): unknown {
  if (!value || typeof value !== "object" || value instanceof Response || value instanceof Error || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if ("token" in out) delete out.token;
  if (out.session && typeof out.session === "object") {
    const { token: _token, ...session } = out.session as Record<string, unknown>;
    out.session = session;
  }
  return out;
}

export const afterHook = createAuthMiddleware(async (ctx) => {
  const returned = ctx.context.returned;
  const cleaned = withoutTokens(returned);
  if (cleaned !== returned) return ctx.json(cleaned as Record<string, unknown>);
});

export async function revokeResetTokens(userId: string) {
  await db().verification.deleteMany({ where: { identifier: { startsWith: "reset-password:" }, value: userId } });
}
