"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DELIVERY_STATUSES, type ListDeliveriesInput } from "@/lib/schemas/deliveries";
import { EVENT_TYPES } from "@/server/events/catalog";
import { useTRPC } from "@/trpc/client";
import { DeliveryDetail } from "./delivery-detail";

const STATUS_TONE = { PENDING: "amber", SUCCEEDED: "green", FAILED: "red", HELD: "slate" } as const;

export function DeliveryLog() {
  const trpc = useTRPC();
  const format = useFormatter();
  const t = useTranslations("webhooks");
  const [filters, setFilters] = useState<Omit<ListDeliveriesInput, "cursor" | "limit">>({});
  const [open, setOpen] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const query = useInfiniteQuery(
    trpc.webhooks.deliveries.infiniteQueryOptions({ ...filters, limit: 25 }, { getNextPageParam: (last) => last.nextCursor, refetchInterval: 5000 }),
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label={t("deliveryLog.filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, q: search.trim() || undefined });
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.search")}
          <input
            type="search"
            className="w-72 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
            placeholder={t("deliveryLog.searchPlaceholder")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onBlur={() => setFilters({ ...filters, q: search.trim() || undefined })}
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.endpoint")}
          <select className="max-w-xs rounded-md border border-slate-300 bg-white px-2 py-1.5" value={filters.endpointId ?? ""} onChange={(e) => setFilters({ ...filters, endpointId: e.target.value || undefined })}>
            <option value="">{t("deliveryLog.all")}</option>
            {endpoints.data?.map((e) => (
              <option key={e.id} value={e.id}>
                {e.description || e.url}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.status")}
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5" value={filters.status ?? ""} onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as ListDeliveriesInput["status"] })}>
            <option value="">{t("deliveryLog.all")}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`deliveryStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.event")}
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5" value={filters.eventType ?? ""} onChange={(e) => setFilters({ ...filters, eventType: e.target.value || undefined })}>
            <option value="">{t("deliveryLog.all")}</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.from")}
          <input type="date" className="rounded-md border border-slate-300 bg-white px-2 py-1" onChange={(e) => setFilters({ ...filters, from: e.target.value ? new Date(`${e.target.value}T00:00:00`) : undefined })} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("deliveryLog.to")}
          <input type="date" className="rounded-md border border-slate-300 bg-white px-2 py-1" onChange={(e) => setFilters({ ...filters, to: e.target.value ? new Date(`${e.target.value}T23:59:59`) : undefined })} />
        </label>
      </form>

      {query.isError && <p role="alert" className="text-sm text-red-700">{query.error.message}</p>}
      {query.isSuccess && items.length === 0 && <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">{t("deliveryLog.empty")}</p>}
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="table-cards min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.event")}</th>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.endpoint")}</th>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.status")}</th>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.attempts")}</th>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.created")}</th>
                <th scope="col" className="px-4 py-2">{t("deliveryLog.columns.nextAttempt")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50">
                  <td className="px-4 py-2">
                    <Button unstyled className="text-left font-mono text-brand-700 hover:underline" onClick={() => setOpen(d.id)}>
                      {d.eventType}
                    </Button>
                  </td>
                  <td className="max-w-xs truncate px-4 py-2 text-slate-600" data-label={t("deliveryLog.columns.endpoint")}>{d.endpoint.description || d.endpoint.url}</td>
                  <td className="px-4 py-2" data-label={t("deliveryLog.columns.status")}>
                    <Badge tone={STATUS_TONE[d.status]}>{t(`deliveryStatus.${d.status}`)}</Badge>
                    {d.lastStatus !== null && <span className="ml-2 text-xs text-slate-500">HTTP {d.lastStatus}</span>}
                  </td>
                  <td className="px-4 py-2" data-label={t("deliveryLog.columns.attempts")}>{d.attemptCount}</td>
                  <td className="px-4 py-2 text-slate-600" data-label={t("deliveryLog.columns.created")}>{format.dateTime(d.createdAt, { dateStyle: "short", timeStyle: "short", hourCycle: "h23" })}</td>
                  <td className="px-4 py-2 text-slate-600" data-label={t("deliveryLog.columns.nextAttempt")}>
                    {d.status === "PENDING" && d.nextAttemptAt ? <time dateTime={new Date(d.nextAttemptAt).toISOString()}>{format.dateTime(d.nextAttemptAt, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" })}</time> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {t("deliveryLog.loadMore")}
          </Button>
        </div>
      )}
      {open && <DeliveryDetail id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
