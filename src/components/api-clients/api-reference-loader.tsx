"use client";
import dynamic from "next/dynamic";

/** Scalar is browser-only and large: load it on the client, after the page shell. */
export const ApiReferenceLoader = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-slate-500">
      Cargando la documentación…
    </p>
  ),
});
