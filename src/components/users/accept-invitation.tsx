"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { authErrorKey } from "@/components/auth/auth-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { signUpThenIn } from "@/components/auth/sign-up-then-in";
import { authClient } from "@/lib/auth-client";
import { useTRPC } from "@/trpc/client";
import { hardNavigate } from "@/lib/hard-navigate";

function useAccept(token: string) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations("invitation");
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  return async (): Promise<string | null> => {
    try {
      await accept.mutateAsync({ token });
      hardNavigate("/panel");
      return null;
    } catch (e) {
      router.refresh();
      return e instanceof TRPCClientError && e.message ? e.message : t("failed");
    }
  };
}

/** Signed in with the invited e-mail: one button. */
export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("invitation");
  const accept = useAccept(token);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {error && <Alert>{error}</Alert>}
      <Button
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(await accept());
          setPending(false);
        }}
      >
        {pending ? t("accepting") : t("accept")}
      </Button>
    </div>
  );
}

/** Signed in with another account: sign out, and the page offers sign-in or sign-up. */
export function SignOutForInvitation() {
  const t = useTranslations("invitation");
  const router = useRouter();
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        await authClient.signOut();
        router.refresh();
      }}
    >
      {t("signOut")}
    </Button>
  );
}

type Mode = "signUp" | "signIn";

function AuthAndAcceptForm({ token, email, mode, onSwitch }: { token: string; email: string; mode: Mode; onSwitch: () => void }) {
  const t = useTranslations();
  const accept = useAccept(token);
  const [error, setError] = useState<string | null>(null);
  const schema =
    mode === "signUp"
      ? z.object({ name: z.string().trim().min(2, t("validation.nameMin")), password: z.string().min(8, t("validation.passwordMin")) })
      : z.object({ name: z.string().optional(), password: z.string().min(1, t("validation.passwordMin")) });
  // No defaultValues: react-hook-form then reads the inputs, so what was typed before hydration stays.
  const form = useForm<{ name?: string; password: string }>({ resolver: zodResolver(schema) });

  const submit = form.handleSubmit(async ({ name, password }) => {
    setError(null);
    if (mode === "signUp") {
      const failed = await signUpThenIn({ email, name: name ?? "", password });
      if (failed) return setError(t(`auth.${failed}`));
    } else {
      const res = await authClient.signIn.email({ email, password });
      if (res.error) return setError(t(`auth.errors.${authErrorKey(res.error)}`));
    }
    setError(await accept());
  });

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <h2 className="text-base font-semibold">{t(mode === "signUp" ? "invitation.signUpTitle" : "invitation.signInTitle")}</h2>
      {error && <Alert>{error}</Alert>}
      <TextField label={t("auth.email")} type="email" value={email} readOnly className="[&_input]:bg-slate-50" />
      {mode === "signUp" && <TextField label={t("auth.name")} autoComplete="name" error={form.formState.errors.name?.message} {...form.register("name")} />}
      <TextField
        label={t("auth.password")}
        type="password"
        autoComplete={mode === "signUp" ? "new-password" : "current-password"}
        error={form.formState.errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t(mode === "signUp" ? "invitation.signUpSubmit" : "invitation.signInSubmit")}
      </Button>
      <p className="text-sm text-slate-600">
        {t(mode === "signUp" ? "invitation.haveAccount" : "invitation.noAccount")}{" "}
        <Button unstyled type="button" className="font-medium text-brand-700 underline-offset-2 hover:underline" onClick={onSwitch}>
          {t(mode === "signUp" ? "invitation.switchToSignIn" : "invitation.switchToSignUp")}
        </Button>
      </p>
    </form>
  );
}

/** Signed out: create the account (or sign in) with the invited e-mail, then accept — no detour. */
export function InvitationAuth({ token, email, accountExists }: { token: string; email: string; accountExists: boolean }) {
  const [mode, setMode] = useState<Mode>(accountExists ? "signIn" : "signUp");
  return <AuthAndAcceptForm key={mode} token={token} email={email} mode={mode} onSwitch={() => setMode(mode === "signUp" ? "signIn" : "signUp")} />;
}
