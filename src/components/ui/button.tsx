"use client";
import { useSyncExternalStore, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

type Variant = "primary" | "secondary" | "ghost" | "danger";
const variants: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/60",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  ghost: "text-slate-700 hover:bg-slate-100",
  danger: "bg-red-600 text-white hover:bg-red-700",
};

const noSubscription = () => () => {};
/** False on the server and while hydrating, true once React owns the page. */
function useHydrated() {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  /** A plain HTML form posted to a route (no client handler): usable before hydration. */
  worksWithoutJs?: boolean;
  /** Only the caller's classes (text links, icon buttons, tabs, list rows): the same hydration rule. */
  unstyled?: boolean;
};

/**
 * A button that needs React stays disabled until hydration. A submit button: before it, the
 * browser would submit the form natively (a GET that puts the fields, passwords included, in the
 * URL) instead of our handler. A button with a click handler: before it, the click does nothing
 * and is lost (a «Cerrar sesión» that leaves the person signed in, with no sign why).
 */
export function Button({ variant = "primary", className, worksWithoutJs = false, unstyled = false, disabled, ...props }: ButtonProps) {
  const hydrated = useHydrated();
  const needsReact = !worksWithoutJs && (props.type === "submit" || props.onClick !== undefined);
  const waitingForHydration = needsReact && !hydrated;
  return (
    <button
      className={unstyled ? className : cn("inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium transition-colors disabled:cursor-not-allowed", variants[variant], className)}
      disabled={disabled || waitingForHydration}
      {...props}
    />
  );
}
