import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth/auth";
import { withClientIp } from "@/server/auth/client-ip";

export const dynamic = "force-dynamic";

export const GET = (req: Request) => toNextJsHandler(auth()).GET(withClientIp(req));
export const POST = (req: Request) => toNextJsHandler(auth()).POST(withClientIp(req));
