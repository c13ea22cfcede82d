import { useId, type InputHTMLAttributes } from "react";
import { cn } from "./cn";
import { Described, describedBy } from "./form-fields";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; hint?: string };

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function TextField({ label, error, hint, className, ...input }: Props) {
  const id = useId();
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cn(
          "rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none",
          error ? "border-red-500" : "border-slate-300",
        )}
        {...input}
      />
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}
