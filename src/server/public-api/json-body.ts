import "server-only";
import { AppError } from "@/server/errors";

/** A JSON request body; empty counts as {} (POST …/review without options). Not JSON → 400. */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", "El cuerpo no es JSON válido (enviá Content-Type: application/json)");
  }
}
