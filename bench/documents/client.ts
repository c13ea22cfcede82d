/** What the browser does, over HTTP: sign up and in through the auth route, tRPC calls, the /parse page's upload. */

export type Session = { url: string; cookie: string; tenantId: string };

const browserHeaders = (url: string) => ({ origin: url, "sec-fetch-site": "same-origin" });

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function trpcMutation<T>(url: string, path: string, input: unknown, headers: Record<string, string>): Promise<T> {
  const res = await fetch(`${url}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...browserHeaders(url), ...headers }, body: JSON.stringify({ json: input }) });
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/** Sign-up form, then sign-in (sign-up does not sign in), then the organization and a plan that fits the drop. */
export async function signUpWithOrganization(url: string): Promise<Session> {
  const email = `bench-${Date.now().toString(36)}@example.com`;
  const password = "bench-documentos-2026";
  const post = (path: string, body: unknown) => fetch(`${url}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", ...browserHeaders(url) }, body: JSON.stringify(body) });
  const up = await post("/sign-up/email", { email, password, name: "Bench Documentos" });
  if (!up.ok) throw new Error(`sign-up: ${up.status} ${await up.text()}`);
  const signIn = await post("/sign-in/email", { email, password });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = cookieOf(signIn);
  const tenant = await trpcMutation<{ id: string }>(url, "tenant.create", { name: "Estudio Bench" }, { cookie });
  // "Gratis" allows 100 documents a month; the owner picks a plan on /planes as a user would.
  await trpcMutation(url, "plans.change", { planId: "estudio" }, { cookie, "x-tenant-id": tenant.id });
  return { url, cookie, tenantId: tenant.id };
}

/** The upload tray's request: one multipart POST per file to /api/documents/upload. */
export async function upload(s: Session, file: { bytes: Uint8Array; fileName: string }): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), file.fileName);
  const res = await fetch(`${s.url}/api/documents/upload`, { method: "POST", body: form, headers: { cookie: s.cookie, "x-tenant-id": s.tenantId, ...browserHeaders(s.url) } });
  const body = (await res.json()) as { document?: { id: string }; error?: { message: string } };
  if (res.status !== 201 || !body.document) throw new Error(`upload ${file.fileName}: ${res.status} ${body.error?.message ?? ""}`);
  return body.document.id;
}

export type DocState = { id: string; status: string; reviewStatus: string | null; error: string | null };

/** The tray's poll: documents.states (tRPC GET, batched link format) for the uploaded ids. */
export async function states(s: Session, ids: string[]): Promise<DocState[]> {
  const input = encodeURIComponent(JSON.stringify({ 0: { json: { ids } } }));
  const res = await fetch(`${s.url}/api/trpc/documents.states?batch=1&input=${input}`, { headers: { cookie: s.cookie, "x-tenant-id": s.tenantId } });
  const body = (await res.json()) as [{ result?: { data: { json: DocState[] } }; error?: unknown }];
  if (!res.ok || !body[0]?.result) throw new Error(`documents.states: ${res.status} ${JSON.stringify(body[0]?.error)}`);
  return body[0].result.data.json;
}

export const isDone = (st: DocState) => st.status === "COMPLETED" || st.status === "FAILED";
