import { authClient } from "@/lib/auth-client";
import { authErrorKey } from "./auth-error";

/**
 * Sign-up answers alike for new and taken e-mails (no enumeration, no auto sign-in), so forms
 * sign in right after. Returns null when signed in, else the key of the error to show
 * (`auth.errors.*`, or "signUpTaken" when the e-mail already had another password).
 */
export async function signUpThenIn(values: { email: string; name: string; password: string }): Promise<string | null> {
  const up = await authClient.signUp.email(values);
  if (up.error) return `errors.${authErrorKey(up.error)}`;
  const signedIn = await authClient.signIn.email({ email: values.email, password: values.password });
  if (signedIn.error) return signedIn.error.status === 429 ? "errors.RATE_LIMITED" : "signUpTaken";
  return null;
}
