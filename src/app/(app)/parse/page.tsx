import type { Metadata } from "next";
import { SectionEmpty } from "@/components/shell/section-empty";

export const metadata: Metadata = { title: "Documentos" };

export default function ParsePage() {
  return <SectionEmpty section="parse" />;
}
