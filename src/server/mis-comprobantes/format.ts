/** es-AR text for notes: "$ 1.234,56", "09/2026", "30-71234567-1". */
const money = new Intl.NumberFormat("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatMoney = (n: number) => `$ ${money.format(n)}`;
export const formatPeriod = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
export { formatCuit } from "@/lib/format/afip";
