"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { signatureCheckInput, type SignatureCheckInput } from "@/lib/schemas/signature-check";
import { useTRPC } from "@/trpc/client";

function TextArea({ label, error, ...props }: { label: string; error?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <textarea className="min-h-28 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs" aria-invalid={error ? true : undefined} {...props} />
      {error && <span role="alert" className="text-xs text-red-700">{error}</span>}
    </label>
  );
}

/** Paste what your receiver got; get the exact reason it does (not) verify. Nothing is stored. */
export function SignatureChecker() {
  const trpc = useTRPC();
  const t = useTranslations("webhooks");
  const check = useMutation(trpc.webhooks.checkSignature.mutationOptions());
  const form = useForm<SignatureCheckInput>({ resolver: zodResolver(signatureCheckInput) });
  const result = check.data;
  return (
    <form onSubmit={form.handleSubmit((v) => check.mutate(v))} noValidate className="flex flex-col gap-4">
      <TextArea label={t("signatureChecker.headers")} error={form.formState.errors.headers?.message} {...form.register("headers")} />
      <TextArea label={t("signatureChecker.body")} error={form.formState.errors.body?.message} {...form.register("body")} />
      <TextField label={t("signatureChecker.secret")} autoComplete="off" error={form.formState.errors.secret?.message} {...form.register("secret")} />
      <TextField label={t("signatureChecker.token")} autoComplete="off" {...form.register("token")} />
      <div>
        <Button type="submit" disabled={check.isPending}>
          {t("signatureChecker.submit")}
        </Button>
      </div>
      {check.isError && <Alert>{check.error.message}</Alert>}
      {result && (
        <div className="flex flex-col gap-2" aria-live="polite">
          <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>
          <ul className="text-sm text-slate-700">
            <li>
              <strong>webhook-signature:</strong> {result.standard.message}
            </li>
            <li>
              <strong>X-Signature:</strong> {result.contract.message}
            </li>
          </ul>
        </div>
      )}
    </form>
  );
}
