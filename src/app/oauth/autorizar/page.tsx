import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ConsentSignIn } from "@/components/api-clients/consent-sign-in";
import { Button } from "@/components/ui/button";
import type { Locale } from "@/i18n/config";
import type { ApiScope } from "@/lib/schemas/api-clients";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { serverText } from "@/server/i18n/server-text";
import { checkAuthorizeRequest, consentScopes, type AuthorizeParams } from "@/server/oauth/authorize";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiClients.consent");
  return { title: t("pageTitle"), robots: { index: false } };
}
export const dynamic = "force-dynamic";

/** `documents:read` → `documentsRead`: the scope's key in the `apiClients.scopes` messages. */
const scopeKey = (s: ApiScope) => s.replace(/:(\w)/, (_, c: string) => c.toUpperCase());

const FIELDS = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] as const;

function Card({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <p className="mb-8 text-3xl font-bold tracking-tight text-brand-700">Contaflow</p>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{children}</div>
    </main>
  );
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{children}</p>
    </Card>
  );
}

/** OAuth 2.0 authorization endpoint: the consent screen for third-party apps (authorization code + PKCE). */
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params: AuthorizeParams = {};
  for (const f of FIELDS) {
    const v = raw[f];
    if (typeof v === "string" && v !== "") params[f] = v;
  }
  const [check, t, locale] = await Promise.all([checkAuthorizeRequest(params), getTranslations("apiClients"), getLocale()]);
  if (check.kind === "fatal") return <Problem title={t("consent.cannot")}>{serverText(check.message, locale as Locale)}</Problem>;
  if (check.kind === "redirect") redirect(check.url);

  const user = await getSessionUser(await headers());
  if (!user) {
    return (
      <Card>
        <ConsentSignIn appName={check.client.name} />
      </Card>
    );
  }
  const membership = await db().membership.findUnique({ where: { tenantId_userId: { tenantId: check.client.tenantId, userId: user.id } }, select: { role: true } });
  if (!membership) {
    return (
      <Problem title={t("consent.cannot")}>{t("consent.notMember", { appName: check.client.name, tenantName: check.client.tenantName, email: user.email })}</Problem>
    );
  }
  const scopes = consentScopes(check.requestedScopes, membership.role);
  const dropped = check.requestedScopes.filter((s) => !scopes.includes(s));
  const host = new URL(check.redirectUri).host;

  return (
    <Card>
      <form method="post" action="/api/oauth/authorize" className="flex flex-col gap-5">
        <div>
          <h1 className="text-xl font-semibold">{t("consent.wants", { appName: check.client.name })}</h1>
          {check.client.description && <p className="mt-1 text-sm text-slate-600">{check.client.description}</p>}
          <p className="mt-2 text-sm text-slate-600">{t.rich("consent.actsAs", { email: user.email, tenantName: check.client.tenantName, strong: (c) => <strong>{c}</strong> })}</p>
        </div>
        {scopes.length > 0 ? (
          <div>
            <h2 className="text-sm font-medium text-slate-700">{t("consent.can")}</h2>
            <ul className="mt-2 flex flex-col gap-2" aria-label={t("consent.scopesLabel")}>
              {scopes.map((s) => (
                <li key={s} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                  <span className="font-medium">{t(`scopes.${scopeKey(s)}.title`)}</span>
                  <span className="block text-xs text-slate-500">{t(`scopes.${scopeKey(s)}.description`)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p role="alert" className="text-sm text-red-700">
            {t("consent.noScopes")}
          </p>
        )}
        {dropped.length > 0 && scopes.length > 0 && (
          <p className="text-xs text-slate-500">{t("consent.dropped", { scopes: dropped.map((s) => t(`scopes.${scopeKey(s)}.title`).toLowerCase()).join(", ") })}</p>
        )}
        <p className="text-xs text-slate-500">{t.rich("consent.returnTo", { host, strong: (c) => <strong className="break-all">{c}</strong> })}</p>
        {FIELDS.map((f) => (params[f] ? <input key={f} type="hidden" name={f} value={params[f]} /> : null))}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="decision" value="approve" disabled={scopes.length === 0} worksWithoutJs>
            {t("consent.approve")}
          </Button>
          <Button type="submit" name="decision" value="deny" variant="secondary" worksWithoutJs>
            {t("consent.deny")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
