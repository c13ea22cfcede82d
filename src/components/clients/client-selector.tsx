"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { SelectField } from "@/components/ui/form-fields";
import { useTRPC } from "@/trpc/client";
import { CLIENT_PARAM, dashedCuit, useClientParam } from "./client-param";

/** "Cliente": narrows the page to one client's documents through the URL (bookmarkable); hidden when there are no clients. */
export function ClientSelector({ className }: { className?: string }) {
  const t = useTranslations("clients");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = useClientParam() ?? "";
  const clients = useQuery(trpc.clients.list.queryOptions());
  if (!clients.data?.length) return null;
  return (
    <div className={className ?? "max-w-sm"}>
      <SelectField
        label={t("selector.label")}
        value={current}
        onChange={(e) => {
          const p = new URLSearchParams(params.toString());
          if (e.target.value) p.set(CLIENT_PARAM, e.target.value);
          else p.delete(CLIENT_PARAM);
          p.delete("page");
          const qs = p.toString();
          router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
        }}
        options={[{ value: "", label: t("selector.all") }, ...clients.data.map((c) => ({ value: c.cuit, label: `${c.razonSocial} (${dashedCuit(c.cuit)})` }))]}
      />
    </div>
  );
}
