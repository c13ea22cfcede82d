/**
 * A preset: everything a connector to one system needs, as data. The «Nuevo conector» gallery
 * shows it, asks only for `credentials` and `parameters`, and creates an ordinary connector
 * (create.ts) that stays editable like any custom one. `facts` say, per fact, whether it was
 * checked against a recorded real response or follows public documentation only (from
 * docs/erp-presets brief), and the UI shows it.
 */
import type { ConnectorAuthTypeName, ConnectorDirectionName } from "@/lib/schemas/connectors";
import type { DuplicateCheck, LoginStep, SupplierResolution } from "../steps/config";

export type Confidence = "alta" | "media" | "baja";

export interface PresetFact {
  fact: string;
  /** "recorded": seen in a real response someone recorded; "docs": public documentation or client code only. */
  source: "recorded" | "docs";
  confidence: Confidence;
}

/** A list the gallery fetches from the ERP (through the SSRF-guarded client) to pick an id. */
export interface OptionsSource {
  path: string;
  /** POST for APIs whose reads are POSTs (Odoo's search_read); `body` is then sent as JSON. */
  method?: "GET" | "POST";
  body?: unknown;
  /** JSONata on the answer: the array of items (empty: the body). */
  recordPath?: string;
  /** JSONata on an item: the id stored. */
  value: string;
  /** JSONata on an item: what the user sees. */
  label: string;
}

export interface PresetParameter {
  key: string;
  label: string;
  help?: string;
  /** "id": one value; "perRate": one value per IVA rate (0, 2.5, 5, 10.5, 21, 27), `$lookup($params.key, $string(rate))`. */
  kind: "id" | "text" | "perRate" | "perCode";
  required: boolean;
  default?: string | Record<string, string>;
  options?: OptionsSource;
}

/** Where a credential goes: the connector's username / OAuth client id / auth secret, an extra secret, or the base URL. */
export type CredentialTarget = "baseUrl" | "username" | "oauthClientId" | "secret" | `extra:${string}` | `header:${string}`;

export interface PresetCredential {
  target: CredentialTarget;
  label: string;
  help?: string;
  secret: boolean;
  required: boolean;
}

export interface ConnectorPreset {
  key: string;
  name: string;
  description: string;
  /** "recorded" only when the create call's response was checked against a recorded real one. */
  verification: "recorded" | "documentation";
  facts: PresetFact[];
  credentials: PresetCredential[];
  parameters: PresetParameter[];
  /**
   * The ERP records the total from the IVA lines the preset's mapping sends (base + IVA per rate,
   * each rate through this per-rate parameter). While that mapping is in use, a document whose
   * total those lines do not make (no gravado, exento, percepciones, internos, other tributos, a
   * Factura C without IVA) or with a rate the parameter leaves out is refused before anything is
   * sent (exports/amounts-left-out.ts), not recorded with another total.
   */
  totalFromIvaLines?: {
    perRateParameter: string;
    /** Whether the mapping sends a credit note as one (false: it would land as an invoice, adding instead of subtracting). */
    creditNotes: boolean;
  };
  connector: {
    direction: ConnectorDirectionName;
    baseUrl?: string;
    authType: ConnectorAuthTypeName;
    apiKeyHeader?: string;
    oauthTokenUrl?: string;
    oauthClientAuth?: "CLIENT_SECRET_BASIC" | "CLIENT_SECRET_POST";
    defaultHeaders?: Record<string, string>;
    healthPath?: string;
    concurrency?: number;
    pushPath: string;
    pushMethod?: "POST" | "PUT" | "PATCH";
    pushMapping: string;
    pushResponseIdPath: string;
    pushSuccessPath?: string;
    pushErrorPath?: string;
    loginStep?: LoginStep;
    supplierResolution?: SupplierResolution;
    duplicateCheck?: DuplicateCheck;
    pull?: {
      method: "GET" | "POST";
      path: string;
      body?: string;
      pagination: "NONE" | "PAGE" | "OFFSET";
      pageSize?: number;
      pageParam?: string;
      sizeParam?: string;
      firstPage?: number;
      recordPath?: string;
      idField: string;
      mapping: string;
    };
  };
}

/** AFIP comprobante codes of credit / debit notes (src/server/parsing/comprobantes.ts). */
export const CREDIT_NOTE_CODES = "[3, 8, 13, 21, 53, 203, 208, 213, 112, 113, 114, 119]";
export const DEBIT_NOTE_CODES = "[2, 7, 12, 52, 202, 207, 212]";

/** One array element per IVA rate, kept as an array even with one rate (JSONata would unwrap it). */
export const perRate = (item: string) => `$reduce(ivaDetalle, function($a, $l) { $append($a, [${item}]) }, [])`;
