"use client";
import { useSearchParams } from "next/navigation";

/** The client selector's URL param (`?cliente=<CUIT>`): shared by Documentos, Exportar and the panel. */
export const CLIENT_PARAM = "cliente";

export function useClientParam(): string | undefined {
  const v = useSearchParams().get(CLIENT_PARAM);
  return v && /^\d{11}$/.test(v) ? v : undefined;
}

export const dashedCuit = (cuit: string) => `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
