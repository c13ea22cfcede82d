"use client";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

/** Scalar is browser-only and large: load it on the client, after the page shell. */
export const ApiReferenceLoader = dynamic(() => import("./api-reference"), {
  ssr: false,
  loading: () => <Loading />,
});

function Loading() {
  const t = useTranslations("apiClients.docs");
  return (
    <p role="status" className="text-sm text-slate-500">
      {t("loading")}
    </p>
  );
}
