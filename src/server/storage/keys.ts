import { AppError } from "@/server/errors";

/** Keys are `a-z0-9._-` segments joined by `/` (no `.` or `..` segments). */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY.test(key) || key.split("/").some((part) => part === "." || part === "..") || key.length > 512) {
    throw new AppError("INTERNAL", `Clave de almacenamiento inválida: ${key}`);
  }
}

export function missingObject(key: string): AppError {
  return new AppError("NOT_FOUND", `El archivo ${key} no está en el almacenamiento`);
}

