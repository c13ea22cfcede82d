/** The one formatting module: instants in the organization's zone, amounts, CUITs and comprobante numbers. */
export * from "./afip";
export * from "./dates";
export * from "./numbers";
export * from "./time-zone";
