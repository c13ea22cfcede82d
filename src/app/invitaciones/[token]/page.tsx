import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AcceptInvitationButton, InvitationAuth, SignOutForInvitation } from "@/components/users/accept-invitation";
import { Alert } from "@/components/ui/alert";
import { getSessionUser } from "@/server/auth/session";
import { invitationTokenInput } from "@/lib/schemas/invitations";
import type { InvitationPreview } from "@/server/invitations/accept-invitation";
import { serverCaller } from "@/trpc/server";

export const metadata: Metadata = { title: "Invitación", robots: { index: false } };

/** The e-mailed link: who invites you where, and the one next step for your session. */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = invitationTokenInput.safeParse({ token }).success;
  const [t, format, user, preview] = await Promise.all([
    getTranslations(),
    getFormatter(),
    getSessionUser(await headers()),
    valid ? serverCaller().then((c) => c.invitations.preview({ token })) : Promise.resolve<InvitationPreview>({ state: "INVALID" }),
  ]);

  let content;
  if (preview.state !== "PENDING") {
    const tenant = preview.state === "INVALID" ? "" : preview.tenantName;
    content = (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">{t(`invitation.${preview.state}.title`)}</h1>
        <p className="text-sm text-slate-600">{t(`invitation.${preview.state}.body`, { tenant })}</p>
        <Link href={user ? "/panel" : "/ingresar"} className="self-start rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t(user ? "invitation.goPanel" : "invitation.goSignIn")}
        </Link>
      </div>
    );
  } else {
    const role = t(`roles.${preview.role}`);
    const matches = user?.email.toLowerCase() === preview.email;
    content = (
      <div className="flex flex-col gap-5">
        <div className="flex flex-col gap-2">
          <h1 className="text-xl font-semibold">{t("invitation.title", { tenant: preview.tenantName })}</h1>
          <p className="text-slate-700">
            {preview.inviterName
              ? t("invitation.body", { inviter: preview.inviterName, tenant: preview.tenantName, role })
              : t("invitation.bodyNoInviter", { tenant: preview.tenantName, role })}
          </p>
          <p className="text-sm text-slate-500">{t("invitation.forEmail", { email: preview.email, date: format.dateTime(preview.expiresAt, { dateStyle: "long" }) })}</p>
        </div>
        {user && matches && (
          <>
            <p className="text-sm text-slate-600">{t("invitation.signedInAs", { email: user.email })}</p>
            <AcceptInvitationButton token={token} />
          </>
        )}
        {user && !matches && (
          <>
            <Alert>{t("invitation.wrongAccount", { invited: preview.email, current: user.email })}</Alert>
            <SignOutForInvitation />
          </>
        )}
        {!user && <InvitationAuth token={token} email={preview.email} accountExists={preview.accountExists} />}
      </div>
    );
  }

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <p className="mb-8 text-3xl font-bold tracking-tight text-brand-700">{t("app.name")}</p>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">{content}</div>
    </main>
  );
}
