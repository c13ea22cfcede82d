import type { NextRequest } from "next/server";
import { TENANT_COOKIE } from "@/lib/roles";
import { getSessionUser } from "@/server/auth/session";
import { localRedirect } from "@/server/http/redirect";
import { resolveMembership } from "@/server/tenants/memberships";

export const dynamic = "force-dynamic";

/** Switches the active tenant (a cookie) after checking membership, then goes back. */
export async function GET(req: NextRequest) {
  const user = await getSessionUser(req.headers);
  if (!user) return localRedirect("/ingresar");
  const membership = await resolveMembership(user.id, req.nextUrl.searchParams.get("tenantId"));
  if (!membership) return Response.json({ error: "Organización no encontrada" }, { status: 404 });
  const res = localRedirect(req.nextUrl.searchParams.get("next"));
  res.headers.append("set-cookie", `${TENANT_COOKIE}=${encodeURIComponent(membership.tenantId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`);
  return res;
}
