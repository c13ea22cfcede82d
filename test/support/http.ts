/** Calls our real route handlers with real Requests (no server needed, nothing mocked). */
import { POST as authPost } from "@/app/api/auth/[...all]/route";
import { db } from "@/server/db/client";
import { createTenantWith } from "./factories";
import { POST as trpcPost, GET as trpcGet } from "@/app/api/trpc/[trpc]/route";

export const APP_URL = process.env.APP_URL ?? "http://127.0.0.1:3999";

/** The TCP peer as our server layer (scripts/server.mjs) stamps it; setup-file names the header. */
export function peer(ip: string): Record<string, string> {
  return { [process.env.CONTAFLOW_PEER_HEADER!]: ip };
}

export async function authRequest(path: string, body: unknown, headers: Record<string, string> = {}) {
  return authPost(
    new Request(`${APP_URL}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL, ...peer("203.0.113.7"), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

export async function signUp(email: string, password = "clave-segura-1", name = "Ana Contadora") {
  const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
  const res = await authRequest("/sign-up/email", { email, password, name }, peer(ip));
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  // Sign-up does not sign in (it answers alike for taken e-mails); the form signs in next.
  const signIn = await authRequest("/sign-in/email", { email, password }, peer(ip));
  if (!signIn.ok) throw new Error(`sign-in after sign-up failed: ${signIn.status} ${await signIn.text()}`);
  return sessionCookie(signIn);
}

/** A user signed up over HTTP (their session cookie) who owns a new organization. */
export async function signedUpOwner(emailPrefix: string, tenantName: string) {
  const email = `${emailPrefix}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const cookie = await signUp(email);
  const owner = await db().user.findUniqueOrThrow({ where: { email } });
  const tenantId = (await createTenantWith(owner, tenantName)).id;
  return { email, cookie, owner, tenantId };
}

export function sessionCookie(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function trpc(path: string, input: unknown, init: { cookie?: string; method?: "GET" | "POST" } = {}) {
  const method = init.method ?? "POST";
  const headers = { "content-type": "application/json", ...(init.cookie ? { cookie: init.cookie } : {}) };
  const url = `${APP_URL}/api/trpc/${path}`;
  const res =
    method === "POST"
      ? await trpcPost(new Request(url, { method, headers, body: JSON.stringify({ json: input }) }))
      : await trpcGet(new Request(`${url}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers }));
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } } } };
}
