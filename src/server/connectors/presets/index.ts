/** The preset gallery, in the order «Nuevo conector» shows it. */
import { alegra } from "./alegra";
import { colppy } from "./colppy";
import { csvLibro } from "./csv-libro";
import { odoo } from "./odoo";
import { restJson } from "./rest-json";
import type { ConnectorPreset } from "./types";
import { xubio } from "./xubio";

export const PRESETS: readonly ConnectorPreset[] = [alegra, xubio, odoo, colppy, restJson, csvLibro];

export function presetByKey(key: string): ConnectorPreset | undefined {
  return PRESETS.find((p) => p.key === key);
}

export type { ConnectorPreset } from "./types";
