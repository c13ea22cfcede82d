/** Outcome colours shared by every chart: green ok, red failed, amber waiting or partial. */
export const COLOR = { ok: "#16a34a", failed: "#dc2626", waiting: "#d97706", brand: "#1d5fd1", violet: "#7c3aed" } as const;
