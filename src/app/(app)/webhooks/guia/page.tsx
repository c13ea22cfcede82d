import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { RECEIVER_SNIPPETS } from "@/components/webhooks/receiver-snippets";
import { RotationGuide } from "@/components/webhooks/rotation-guide";
import { SignatureChecker } from "@/components/webhooks/signature-checker";
import { ADMIN_ROLES } from "@/lib/roles";
import { requireRole } from "@/server/auth/guards";
import { TEST_VECTOR } from "@/server/webhooks/test-vectors";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("webhooks");
  return { title: t("guide.title") };
}

/** Header name → its description in the "webhooks" messages (`guide.headers.<key>`). */
const HEADERS: [string, string][] = [
  ["webhook-id / X-Request-Id", "id"],
  ["webhook-timestamp / X-Timestamp", "timestamp"],
  ["webhook-signature", "signature"],
  ["X-Signature", "xSignature"],
  ["X-Webhook-Token", "token"],
  ["X-Webhook-Event / X-Webhook-Attempt", "eventAttempt"],
];

export default async function ReceiverGuidePage() {
  const ctx = await requireRole(ADMIN_ROLES);
  const t = await getTranslations("webhooks");
  return (
    <>
      <PageHeader
        title={t("guide.title")}
        description={t("guide.description")}
        actions={<Link href="/webhooks" className="text-sm text-brand-700 hover:underline">{t("guide.back")}</Link>}
      />
      <section aria-labelledby="h-headers" className="mb-8">
        <h2 id="h-headers" className="mb-2 text-lg font-semibold">{t("guide.headersTitle")}</h2>
        <dl className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {HEADERS.map(([name, key]) => (
            <div key={name} className="grid gap-1 px-4 py-3 sm:grid-cols-[16rem_1fr]">
              <dt className="font-mono text-sm">{name}</dt>
              {/* raw: the texts are plain (no ICU), and "v1,<base64>" would otherwise parse as a rich-text tag */}
              <dd className="text-sm text-slate-700">{t.raw(`guide.headers.${key}`) as string}</dd>
            </div>
          ))}
        </dl>
      </section>
      <RotationGuide tenantId={ctx.tenant.tenantId} />
      <section aria-labelledby="h-code" className="mb-8 flex flex-col gap-4">
        <h2 id="h-code" className="text-lg font-semibold">{t("guide.codeTitle")}</h2>
        {RECEIVER_SNIPPETS.map((s) => (
          <div key={s.id}>
            <h3 className="mb-1 text-sm font-semibold">{t(`guide.snippets.${s.titleKey}`)}</h3>
            {/* Focusable, so keyboard users can scroll long lines sideways. */}
            <pre tabIndex={0} role="region" aria-label={t(`guide.snippets.${s.titleKey}`)} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {s.code}
            </pre>
          </div>
        ))}
      </section>
      <section aria-labelledby="h-payload" className="mb-8 space-y-2">
        <h2 id="h-payload" className="mb-2 text-lg font-semibold">{t("guide.payloadTitle")}</h2>
        <p className="text-sm text-slate-700">{t("guide.payloadFields")}</p>
        <p className="text-sm text-slate-700">{t("guide.payloadConventions")}</p>
        <p className="text-sm text-slate-700">{t("guide.payloadCompatibility")}</p>
      </section>
      <section aria-labelledby="h-test" className="mb-8">
        <h2 id="h-test" className="mb-2 text-lg font-semibold">{t("guide.testTitle")}</h2>
        <p className="text-sm text-slate-700">{t.raw("guide.testHelp") as string}</p>
      </section>
      <section aria-labelledby="h-filter" className="mb-8">
        <h2 id="h-filter" className="mb-2 text-lg font-semibold">{t("guide.filterTitle")}</h2>
        <p className="text-sm text-slate-700">{t("guide.filterHelp")}</p>
      </section>
      <section aria-labelledby="h-vectors" className="mb-8">
        <h2 id="h-vectors" className="mb-2 text-lg font-semibold">{t("guide.vectorsTitle")}</h2>
        <p className="mb-2 text-sm text-slate-600">{t("guide.vectorsHelp")}</p>
        <pre tabIndex={0} role="region" aria-label={t("guide.vectorsTitle")} className="overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(TEST_VECTOR, null, 2)}</pre>
      </section>
      <section aria-labelledby="h-check" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="h-check" className="mb-1 text-lg font-semibold">{t("guide.checkerTitle")}</h2>
        <p className="mb-4 text-sm text-slate-600">{t("guide.checkerHelp")}</p>
        <SignatureChecker />
      </section>
    </>
  );
}
