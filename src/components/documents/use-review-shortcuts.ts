"use client";
import { useEffect, useRef } from "react";

export type ReviewShortcuts = { save: () => void; saveNext: () => void; markReviewed: () => void };

/** The keys, as announced on the buttons (aria-keyshortcuts) and in the hint under the form. */
export const SHORTCUT_KEYS = { save: "Alt+S", saveNext: "Alt+N Control+Enter", markReviewed: "Alt+R" } as const;

/**
 * Alt+S guardar, Alt+N or Ctrl+Enter guardar y siguiente, Alt+R marcar como revisado — anywhere on
 * the review page. Matched by physical key (`code`): on a Mac, Option+S types "ß".
 */
export function useReviewShortcuts(handlers: ReviewShortcuts, enabled: boolean) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const action =
        (e.ctrlKey || e.metaKey) && !e.altKey && e.key === "Enter"
          ? "saveNext"
          : e.altKey && !e.ctrlKey && !e.metaKey
            ? ({ KeyS: "save", KeyN: "saveNext", KeyR: "markReviewed" } as const)[e.code as "KeyS" | "KeyN" | "KeyR"]
            : undefined;
      if (!action) return;
      e.preventDefault();
      latest.current[action]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}
