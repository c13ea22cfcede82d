import { randomBytes } from "node:crypto";

/** A URL-safe, sortable-enough id for rows whose id we need before inserting them. */
export function createId(): string {
  return `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;
}
