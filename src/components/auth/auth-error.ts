/** better-auth answers with a code (and 429 for rate limits); we show our own words. */
export function authErrorKey(error: { code?: string; status?: number } | null | undefined): string {
  if (!error) return "generic";
  if (error.status === 429) return "RATE_LIMITED";
  const known = ["INVALID_EMAIL_OR_PASSWORD", "USER_ALREADY_EXISTS", "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", "PASSWORD_TOO_SHORT", "INVALID_TOKEN", "INVALID_PASSWORD"];
  return error.code && known.includes(error.code) ? error.code : "generic";
}
