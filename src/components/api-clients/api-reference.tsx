"use client";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * The OpenAPI document rendered with Scalar (from npm): no CDN fonts, no telemetry, no external
 * proxy; "try it" requests go straight from the browser to this origin.
 */
export default function ApiReference() {
  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          telemetry: false,
          hideDarkModeToggle: true,
          forceDarkModeState: "light",
          hideClientButton: true,
          showDeveloperTools: "never",
          layout: "modern",
          defaultOpenAllTags: true,
          mcp: { disabled: true },
          customCss: ".scalar-app { --scalar-font: inherit; --scalar-font-code: ui-monospace, monospace; }",
        }}
      />
    </div>
  );
}
