/**
 * Server-rendered HTML is what a person can click before React hydrates the page: a button that
 * needs React (a submit with a client handler, or an onClick) must arrive disabled, so a click is
 * never silently lost; a plain button or a form posted to a route stays usable.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "@/components/ui/button";

const html = (props: Parameters<typeof Button>[0]) => renderToStaticMarkup(createElement(Button, props, "Cerrar sesión"));
const isDisabled = (markup: string) => /<button[^>]*\sdisabled=""/.test(markup);

describe("Button before hydration (server render)", () => {
  it("a button with a click handler is disabled: its click would do nothing yet", () => {
    expect(isDisabled(html({ onClick: () => {} }))).toBe(true);
  });

  it("a submit button is disabled: the browser would post the form natively", () => {
    expect(isDisabled(html({ type: "submit" }))).toBe(true);
  });

  it("a form posted to a route, and a button with no handler, are usable at once", () => {
    expect(isDisabled(html({ type: "submit", worksWithoutJs: true }))).toBe(false);
    expect(isDisabled(html({ type: "submit", worksWithoutJs: true, onClick: () => {} }))).toBe(false);
    expect(isDisabled(html({ type: "button" }))).toBe(false);
  });

  it("an unstyled button (text links, icon buttons) keeps only its own classes and the same rule", () => {
    const markup = html({ unstyled: true, className: "lg:hidden", onClick: () => {} });
    expect(markup).toMatch(/<button[^>]*class="lg:hidden"/);
    expect(isDisabled(markup)).toBe(true);
  });

  it("an explicitly disabled button stays disabled", () => {
    expect(isDisabled(html({ type: "button", disabled: true }))).toBe(true);
  });
});
