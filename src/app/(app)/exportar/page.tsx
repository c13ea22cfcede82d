import type { Metadata } from "next";
import { SectionEmpty } from "@/components/shell/section-empty";

export const metadata: Metadata = { title: "Exportar" };

export default function ExportarPage() {
  return <SectionEmpty section="exportar" />;
}
