/** Decimal columns come back as Prisma.Decimal; the app and the contract use plain numbers. */
export function num(value: { toNumber(): number } | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === "number" ? value : value.toNumber();
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
