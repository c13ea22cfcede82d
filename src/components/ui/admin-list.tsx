"use client";
import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";

/** A green "done" line after an admin action (announced politely). */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
      {children}
    </p>
  );
}

/** The "Nuevo …" form panel above a list, titled for screen readers. */
export function NewItemPanel({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id={id} className="mb-4 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Loading, error or empty — what a list shows before (or instead of) its items. */
export function ListStatus({ query, empty }: { query: { isPending: boolean; isError: boolean; error: { message: string } | null; data?: unknown[] }; empty: ReactNode }) {
  const t = useTranslations("common");
  if (query.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {query.error?.message}
      </p>
    );
  }
  return query.data?.length === 0 ? empty : null;
}

/** Cards of an admin list; the one being edited opens its form under its summary. */
export function AdminList<T extends { id: string; name: string }>({ label, items, editingId, summary, editor }: { label: string; items: T[]; editingId: string | null; summary: (item: T) => ReactNode; editor: (item: T) => ReactNode }) {
  if (items.length === 0) return null;
  return (
    <ul className="flex flex-col gap-3" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
          {summary(item)}
          {editingId === item.id && (
            <section aria-label={`Editar ${item.name}`} className="border-t border-slate-100 pt-4">
              {editor(item)}
            </section>
          )}
        </li>
      ))}
    </ul>
  );
}
