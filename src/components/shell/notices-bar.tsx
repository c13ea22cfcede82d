"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, X } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/trpc/client";
import { Button } from "@/components/ui/button";

/** Open in-app notices (e.g. a webhook endpoint was disabled) above every page. */
export function NoticesBar() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notices = useQuery(trpc.notifications.list.queryOptions(undefined, { refetchInterval: 60_000 }));
  const dismiss = useMutation(
    trpc.notifications.dismiss.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }) }),
  );
  if (!notices.data?.length) return null;
  return (
    <section aria-label="Avisos" className="mb-6 flex flex-col gap-2">
      {notices.data.map((n) => (
        <div key={n.id} role="status" className="flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <BellRing aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <div className="flex-1">
            <p className="font-semibold">{n.title}</p>
            <p>{n.body}</p>
            {n.link && (
              <Link href={n.link} className="font-medium underline">
                Ver
              </Link>
            )}
          </div>
          <Button unstyled aria-label={`Descartar aviso: ${n.title}`} onClick={() => dismiss.mutate({ id: n.id })} className="rounded p-1 hover:bg-amber-100">
            <X aria-hidden className="h-4 w-4" />
          </Button>
        </div>
      ))}
    </section>
  );
}
