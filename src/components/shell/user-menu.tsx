"use client";
import { LogOut, UserCog } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { SignOutOthersButton } from "@/components/auth/sign-out-others-button";
import { Button } from "@/components/ui/button";
import { authClient } from "@/lib/auth-client";
import type { RoleName } from "@/lib/roles";
import { hardNavigate } from "@/lib/hard-navigate";

export function UserMenu({ user, role }: { user: { name: string; email: string }; role: RoleName }) {
  const t = useTranslations();
  const pathname = usePathname();
  const locale = useLocale();
  const other = locale === "en" ? "es-AR" : "en";

  async function signOut() {
    await authClient.signOut();
    hardNavigate("/ingresar");
  }

  return (
    <div className="flex items-center gap-3">
      {/* The accessible name starts with what is shown ("English (Idioma)"), so voice control finds it by its text. */}
      <a className="text-xs text-slate-600 hover:underline" href={`/api/preferences/locale?value=${other}&next=${encodeURIComponent(pathname)}`} hrefLang={other} lang={other}>
        {other === "en" ? "English" : "Español"}
        <span className="sr-only" lang={locale}>
          {" "}
          ({t("common.language")})
        </span>
      </a>
      <div className="hidden text-right sm:block">
        <p className="text-sm font-medium leading-tight">{user.name}</p>
        <p className="text-xs text-slate-500">{t(`roles.${role}`)}</p>
      </div>
      <Link href="/cuenta" className="inline-flex items-center gap-1 rounded-md px-2 py-2 text-sm text-slate-700 hover:bg-slate-100" aria-label={t("auth.account.title")}>
        <UserCog aria-hidden className="h-4 w-4" />
        <span className="hidden lg:inline">{t("auth.account.title")}</span>
      </Link>
      <SignOutOthersButton compact />
      <Button variant="ghost" onClick={signOut} className="px-2">
        <LogOut aria-hidden className="h-4 w-4" />
        <span className="hidden sm:inline">{t("auth.signOut")}</span>
        <span className="sr-only sm:hidden">{t("auth.signOut")}</span>
      </Button>
    </div>
  );
}
