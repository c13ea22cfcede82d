import { z } from "zod";

export const EXPORT_STATES = ["ALL", "PENDING", "EXPORTED"] as const;
/** REVIEWED: only what may leave without "exportar igual" (the default); ALL: the others too. */
export const EXPORT_REVIEW_FILTERS = ["REVIEWED", "ALL"] as const;

/** Which documents the /exportar list shows (and "seleccionar todos los que coinciden" selects). */
export const exportFilterInput = z.object({
  q: z.string().trim().max(120).optional(),
  state: z.enum(EXPORT_STATES).default("ALL"),
  review: z.enum(EXPORT_REVIEW_FILTERS).default("REVIEWED"),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  tipo: z.string().trim().max(40).optional(),
  /** The client selector: the client's CUIT (documents whose receptor CUIT it is). */
  cliente: z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos").optional(),
});
export type ExportFilter = z.infer<typeof exportFilterInput>;

export const listExportDocumentsInput = exportFilterInput.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(200).default(50),
});

/** Either explicit ids or "every document matching the filter". */
export const exportSelectionInput = z.union([
  z.object({ documentIds: z.array(z.string().min(1)).min(1, "Elegí al menos un documento").max(5000) }),
  z.object({ filter: exportFilterInput }),
]);
export type ExportSelection = z.infer<typeof exportSelectionInput>;

/** "Exportar igual": send documents not marked reviewed, on purpose; the reason is kept in the export log. */
export const overrideInput = z.object({ reason: z.string().trim().min(3, "Contá por qué se exportan sin revisar (mínimo 3 caracteres)").max(300, "Hasta 300 caracteres") });

export const startExportInput = z.object({
  connectorId: z.string().min(1, "Elegí un conector"),
  selection: exportSelectionInput,
  force: z.boolean().default(false),
  override: overrideInput.optional(),
});

export const exportOneInput = z.object({ connectorId: z.string().min(1), documentId: z.string().min(1), force: z.boolean().default(true), override: overrideInput.optional() });
export const exportRunInput = z.object({ runId: z.string().min(1) });
export const connectorStatsInput = z.object({ connectorId: z.string().min(1), days: z.number().int().min(1).max(90).default(30) });
export const downloadInput = z.object({ selection: exportSelectionInput });

/** The rows of one /exportar page against the picked connector. */
export const connectorFitInput = z.object({ connectorId: z.string().min(1), documentIds: z.array(z.string().min(1)).max(100) });
