"use client";
import { useEffect, type RefObject } from "react";

/**
 * Desktop (lg): the element is as tall as the window leaves below its top — it sticks at 1rem once the
 * page scrolls — so its bottom (on an invoice: totals, CAE, QR) is never below the fold. Phones: natural height.
 */
export function useFitToWindow(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const desktop = window.matchMedia("(min-width: 1024px)");
    const fit = () => {
      el.style.height = desktop.matches ? `${Math.max(448, Math.floor(window.innerHeight - Math.max(16, el.getBoundingClientRect().top) - 16))}px` : "";
    };
    fit();
    window.addEventListener("scroll", fit, { passive: true });
    window.addEventListener("resize", fit);
    desktop.addEventListener("change", fit);
    return () => {
      window.removeEventListener("scroll", fit);
      window.removeEventListener("resize", fit);
      desktop.removeEventListener("change", fit);
    };
  }, [ref]);
}
