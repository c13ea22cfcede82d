import { apiNotFound } from "@/server/public-api/handler";

export const dynamic = "force-dynamic";

/** Any /api/v1 path no route serves: 404 problem+json (not the app's HTML 404 page). */
export const GET = apiNotFound;
export const POST = apiNotFound;
export const PUT = apiNotFound;
export const PATCH = apiNotFound;
export const DELETE = apiNotFound;
