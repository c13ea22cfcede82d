/**
 * Authentication: better-auth with the Prisma adapter (users, accounts, sessions and
 * rate-limit counters live in our database). Built lazily: the database and secrets are
 * runtime concerns, never touched by `next build`.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/env";
import { stripUnsafeChars } from "@/lib/safe-text";
import { localSecrets } from "@/server/config/local-secrets";
import { db } from "@/server/db/client";
import { localeOrDefault, serverMessage } from "@/server/i18n/server-message";
import { sendMail } from "@/server/mail/mailer";
import { CLIENT_IP_HEADER } from "./client-ip";
import { afterHook, beforeHook, revokeResetTokens } from "./hygiene";

function createAuth() {
  const e = env();
  return betterAuth({
    appName: "Contaflow",
    baseURL: e.APP_URL,
    secret: localSecrets().authSecret,
    database: prismaAdapter(db(), { provider: "postgresql" }),
    telemetry: { enabled: false },
    trustedOrigins: [e.APP_URL],
    // Rate limits key on the address our trust model resolved (client-ip.ts), never on X-Forwarded-For.
    advanced: { ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] } },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      // No auto sign-in: then sign-up answers the same whether or not the e-mail has an account
      // (better-auth's enumeration protection); the form signs in right after.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user }) => {
        const locale = localeOrDefault((user as { locale?: unknown }).locale);
        await sendMail({ to: user.email, subject: serverMessage("mail.existingSignUp.subject", {}, locale), text: serverMessage("mail.existingSignUp.text", { name: user.name }, locale) });
      },
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }) => revokeResetTokens(user.id),
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        // Account e-mails follow the user's stored language (set when they switch the UI's language).
        const locale = localeOrDefault((user as { locale?: unknown }).locale);
        await sendMail({ to: user.email, subject: serverMessage("mail.resetPassword.subject", {}, locale), text: serverMessage("mail.resetPassword.text", { name: user.name, url }, locale) });
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: e.SIGN_IN_WINDOW_SECONDS, max: e.SIGN_IN_MAX_ATTEMPTS },
        "/sign-up/email": { window: 60, max: e.SIGN_UP_MAX_ATTEMPTS },
        "/request-password-reset": { window: 60 * 15, max: 5 },
      },
    },
    user: { additionalFields: { locale: { type: "string", required: false, defaultValue: "es-AR", input: false } } },
    hooks: { before: beforeHook, after: afterHook },
    // Names are shown to other members: no bidi/control characters (lib/safe-text.ts).
    databaseHooks: {
      user: {
        create: { before: async (user) => ({ data: { ...user, name: stripUnsafeChars(user.name).trim() } }) },
        update: { before: async (user) => ({ data: typeof user.name === "string" ? { ...user, name: stripUnsafeChars(user.name).trim() } : user }) },
      },
    },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as { __contaflowAuth?: Auth };

export function auth(): Auth {
  holder.__contaflowAuth ??= createAuth();
  return holder.__contaflowAuth;
}
