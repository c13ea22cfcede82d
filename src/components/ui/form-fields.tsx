/** Labelled select/textarea fields whose hint or error is announced and tied with aria-describedby. */
import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

export function Described({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

export function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [error && `${id}-error`, hint && !error && `${id}-hint`].filter(Boolean).join(" ") || undefined;
}

/** What a field hands its control: the ids that tie label, hint and error to it, and its look. */
export type ControlProps = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined; className: string };

/** The label, the hint or error under the control, and the wiring between them. */
export function Field({ label, error, hint, className, control, children }: { label: string; error?: string; hint?: ReactNode; className?: string; /** The control's own size classes (default text-sm). */ control?: string; children: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const props: ControlProps = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, hint),
    className: cn("rounded-md border bg-white px-3 py-2 shadow-sm focus:border-brand-600 focus:outline-none", control ?? "text-sm", error ? "border-red-500" : "border-slate-300"),
  };
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(props)}
      <Described id={id} error={error} hint={hint} />
    </div>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; hint?: ReactNode; options: readonly { value: string; label: string }[] };

export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField({ label, error, hint, options, className, ...select }, ref) {
  return (
    <Field label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select ref={ref} {...control} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
});

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: ReactNode };

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextAreaField({ label, error, hint, className, ...area }, ref) {
  return (
    <Field label={label} error={error} hint={hint} className={className} control="min-h-24 font-mono text-xs">
      {(control) => <textarea ref={ref} spellCheck={false} {...control} {...area} />}
    </Field>
  );
});

export function FormSection({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      {description && <p className="-mt-2 text-xs text-slate-600">{description}</p>}
      {children}
    </fieldset>
  );
}
