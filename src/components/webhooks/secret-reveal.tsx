"use client";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import type { Rotated } from "./rotation-dialog";
import { RotationStatus } from "./rotation-status";

/** The only time a secret is visible: after creation or rotation. */
export function SecretReveal({ secret, token, rotated, onDone }: { secret: string; token: string; rotated?: Rotated; onDone: () => void }) {
  const t = useTranslations("webhooks");
  return (
    <section aria-labelledby="secret-title" className="flex flex-col gap-4 rounded-xl border border-amber-300 bg-amber-50/50 p-5">
      <h2 id="secret-title" className="text-base font-semibold">
        {t("secretReveal.title")}
      </h2>
      <Alert tone="info">{t("secretReveal.notice")}</Alert>
      <CopyField label={t("secretReveal.secret")} value={secret} />
      <CopyField label={t("secretReveal.token")} value={token} />
      {rotated && <RotationStatus rotationEndsAt={rotated.rotationEndsAt} contractSwitchAt={rotated.contractSwitchAt} />}
      <div>
        <Button type="button" onClick={onDone}>
          {t("secretReveal.done")}
        </Button>
      </div>
    </section>
  );
}
