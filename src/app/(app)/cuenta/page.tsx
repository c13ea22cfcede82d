import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { SignOutOthersButton } from "@/components/auth/sign-out-others-button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/server/auth/guards";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.account");
  return { title: t("title") };
}

export default async function CuentaPage() {
  const user = await requireUser();
  const t = await getTranslations("auth.account");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { email: user.email })} />
      <div className="grid max-w-xl gap-8">
        <section aria-labelledby="password-title" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="password-title" className="mb-4 text-base font-semibold">
            {t("passwordTitle")}
          </h2>
          <ChangePasswordForm />
        </section>
        <section aria-labelledby="sessions-title" className="rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="sessions-title" className="mb-2 text-base font-semibold">
            {t("sessionsTitle")}
          </h2>
          <p className="mb-4 text-sm text-slate-600">{t("sessionsHelp")}</p>
          <SignOutOthersButton variant="secondary" />
        </section>
      </div>
    </>
  );
}
