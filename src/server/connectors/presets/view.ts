/** What the gallery shows of a preset: no mapping text or endpoints, just what to fill in and how sure we are. */
import { PRESETS } from "./index";
import type { ConnectorPreset } from "./types";

export function presetView(p: ConnectorPreset) {
  return {
    key: p.key,
    name: p.name,
    description: p.description,
    verification: p.verification,
    facts: p.facts,
    direction: p.connector.direction,
    baseUrl: p.connector.baseUrl ?? null,
    credentials: p.credentials,
    parameters: p.parameters.map(({ options, ...rest }) => ({ ...rest, hasOptions: Boolean(options) })),
  };
}
export type PresetView = ReturnType<typeof presetView>;

export function listPresets(): PresetView[] {
  return PRESETS.map(presetView);
}
