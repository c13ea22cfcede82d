import Link from "next/link";

/** Full-page status (403, 404…): code, title, explanation and one way back. */
export function StatusPage({ code, title, body, href, action }: { code: number; title: string; body: string; href: string; action: string }) {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 max-w-md text-slate-600">{body}</p>
      <Link href={href} className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
        {action}
      </Link>
    </main>
  );
}
