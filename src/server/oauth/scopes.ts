import { API_SCOPES, WRITE_SCOPES, type ApiScope } from "@/lib/schemas/api-clients";
import { WRITER_ROLES, type RoleName } from "@/lib/roles";

export function isApiScope(s: string): s is ApiScope {
  return (API_SCOPES as readonly string[]).includes(s);
}

/** Space-separated scope parameter → list (unknown scopes are kept so the caller can reject them). */
export function parseScopeParam(value: string | null): string[] | null {
  if (value === null || value.trim() === "") return null;
  return [...new Set(value.trim().split(/\s+/))];
}

/** What a user with `role` may delegate: readers cannot hand out write scopes. */
export function scopesForRole(scopes: readonly string[], role: RoleName): ApiScope[] {
  const canWrite = WRITER_ROLES.includes(role);
  return scopes.filter(isApiScope).filter((s) => canWrite || !WRITE_SCOPES.includes(s));
}

/** Requested scopes must all be granted to the client; none requested → all of the client's. */
export function grantableScopes(requested: string[] | null, allowed: readonly string[]): { ok: true; scopes: ApiScope[] } | { ok: false; invalid: string[] } {
  const allowedScopes = allowed.filter(isApiScope);
  if (!requested) return { ok: true, scopes: allowedScopes };
  const invalid = requested.filter((s) => !allowedScopes.includes(s as ApiScope));
  return invalid.length ? { ok: false, invalid } : { ok: true, scopes: requested as ApiScope[] };
}
