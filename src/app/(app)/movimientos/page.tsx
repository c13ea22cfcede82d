import type { Metadata } from "next";
import { SectionEmpty } from "@/components/shell/section-empty";

export const metadata: Metadata = { title: "Movimientos" };

export default function MovimientosPage() {
  return <SectionEmpty section="movimientos" />;
}
