import "server-only";
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/availability";
import { AppError } from "@/server/errors";
import { auth } from "./auth";

export type SessionUser = { id: string; name: string; email: string };

/**
 * The signed-in user for these request headers, or null. An unreachable database is
 * AppError UNAVAILABLE (503), not Better Auth's "Failed to get session" (which blames the session).
 */
export async function getSessionUser(headers: Headers): Promise<SessionUser | null> {
  let session;
  try {
    session = await auth().api.getSession({ headers });
  } catch (err) {
    if (isDatabaseUnavailable(err)) throw new AppError("UNAVAILABLE", DB_UNAVAILABLE_MESSAGE, undefined, { cause: err });
    throw err;
  }
  if (!session) return null;
  const { id, name, email } = session.user;
  return { id, name, email };
}
