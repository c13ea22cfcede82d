import "server-only";
import { db } from "@/server/db/client";
import type { ApiScope } from "@/lib/schemas/api-clients";
import type { RoleName } from "@/lib/roles";
import { grantableScopes, parseScopeParam, scopesForRole } from "./scopes";
import { CODE_TTL_S, PKCE_CHALLENGE, PREFIX, randomToken, sha256Hex } from "./tokens";

/** The parameters of an authorization request (RFC 6749 §4.1.1 + RFC 7636). */
export type AuthorizeParams = Partial<Record<"response_type" | "client_id" | "redirect_uri" | "scope" | "state" | "code_challenge" | "code_challenge_method", string>>;

export type AuthorizeCheck =
  /** Unknown client or redirect URI: never redirect, show the error (RFC 6749 §4.1.2.1). */
  | { kind: "fatal"; message: string }
  /** Errors the client should hear about at its redirect URI. */
  | { kind: "redirect"; url: string }
  | {
      kind: "ok";
      client: { id: string; name: string; description: string; tenantId: string; tenantName: string };
      redirectUri: string;
      state: string | null;
      codeChallenge: string;
      requestedScopes: ApiScope[];
    };

export function redirectWith(redirectUri: string, values: Record<string, string | null | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(values)) if (v != null) url.searchParams.set(k, v);
  return url.toString();
}

export async function checkAuthorizeRequest(p: AuthorizeParams): Promise<AuthorizeCheck> {
  if (!p.client_id) return { kind: "fatal", message: "Falta client_id en el enlace de autorización." };
  const client = await db().apiClient.findUnique({
    where: { clientId: p.client_id },
    select: { id: true, name: true, description: true, tenantId: true, scopes: true, redirectUris: true, revokedAt: true, tenant: { select: { name: true } } },
  });
  if (!client || client.revokedAt) return { kind: "fatal", message: "La aplicación que pide acceso no existe o fue revocada." };
  if (!p.redirect_uri || !client.redirectUris.includes(p.redirect_uri)) return { kind: "fatal", message: "La URL de redirección no está registrada para esta aplicación." };
  const fail = (error: string, description: string) => ({ kind: "redirect" as const, url: redirectWith(p.redirect_uri!, { error, error_description: description, state: p.state }) });
  if (p.response_type !== "code") return fail("unsupported_response_type", "Solo se admite response_type=code");
  if (p.code_challenge_method !== "S256" || !p.code_challenge || !PKCE_CHALLENGE.test(p.code_challenge)) return fail("invalid_request", "PKCE es obligatorio: code_challenge con code_challenge_method=S256");
  const granted = grantableScopes(parseScopeParam(p.scope ?? null), client.scopes);
  if (!granted.ok) return fail("invalid_scope", `Permisos no habilitados para esta aplicación: ${granted.invalid.join(" ")}`);
  return {
    kind: "ok",
    client: { id: client.id, name: client.name, description: client.description, tenantId: client.tenantId, tenantName: client.tenant.name },
    redirectUri: p.redirect_uri,
    state: p.state ?? null,
    codeChallenge: p.code_challenge,
    requestedScopes: granted.scopes,
  };
}

/** The scopes a user with `role` would actually grant (readers cannot delegate write scopes). */
export function consentScopes(requested: ApiScope[], role: RoleName): ApiScope[] {
  return scopesForRole(requested, role);
}

/**
 * The user's answer on the consent screen → the URL to send the browser to: a one-time code
 * (60 s, bound to client, redirect URI and PKCE challenge) or error=access_denied.
 */
export async function answerAuthorizeRequest(userId: string, p: AuthorizeParams, approved: boolean): Promise<{ url: string } | { error: string }> {
  const check = await checkAuthorizeRequest(p);
  if (check.kind === "fatal") return { error: check.message };
  if (check.kind === "redirect") return { url: check.url };
  if (!approved) return { url: redirectWith(check.redirectUri, { error: "access_denied", error_description: "El usuario no autorizó el acceso", state: check.state }) };
  const m = await db().membership.findUnique({ where: { tenantId_userId: { tenantId: check.client.tenantId, userId } }, select: { role: true } });
  if (!m) return { error: "Tu usuario no pertenece a la organización de esta aplicación." };
  const scopes = consentScopes(check.requestedScopes, m.role);
  if (scopes.length === 0) return { url: redirectWith(check.redirectUri, { error: "invalid_scope", error_description: "Tu rol no permite otorgar ninguno de los permisos pedidos", state: check.state }) };
  const code = randomToken(PREFIX.code);
  await db().oAuthAuthorizationCode.create({
    data: {
      tenantId: check.client.tenantId,
      apiClientId: check.client.id,
      userId,
      codeHash: sha256Hex(code),
      redirectUri: check.redirectUri,
      scopes,
      codeChallenge: check.codeChallenge,
      expiresAt: new Date(Date.now() + CODE_TTL_S * 1000),
    },
  });
  return { url: redirectWith(check.redirectUri, { code, state: check.state }) };
}
