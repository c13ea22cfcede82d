import "server-only";
import { auth } from "./auth";

export type SessionUser = { id: string; name: string; email: string };

/** The signed-in user for these request headers, or null. */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
}
