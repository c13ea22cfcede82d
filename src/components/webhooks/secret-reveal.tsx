"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";

/** The only time a secret is visible: after creation or rotation. */
export function SecretReveal({ secret, token, onDone }: { secret: string; token: string; onDone: () => void }) {
  return (
    <section aria-labelledby="secret-title" className="flex flex-col gap-4 rounded-xl border border-amber-300 bg-amber-50/50 p-5">
      <h2 id="secret-title" className="text-base font-semibold">
        Guardá estas credenciales ahora
      </h2>
      <Alert tone="info">No vamos a volver a mostrarlas. Si las perdés, rotá el secreto.</Alert>
      <CopyField label="Secreto de firma" value={secret} />
      <CopyField label="Token (X-Webhook-Token)" value={token} />
      <div>
        <Button type="button" onClick={onDone}>
          Ya las guardé
        </Button>
      </div>
    </section>
  );
}
