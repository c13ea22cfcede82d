import { randomBytes } from "node:crypto";

/** Time-ordered ids (ULID-like) for events and runs. */
export function newId(): string {
  return Date.now().toString(36).toUpperCase().padStart(10, "0") + randomBytes(8).toString("hex").toUpperCase();
}
