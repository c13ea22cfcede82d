import type { Metadata } from "next";
import { SectionEmpty } from "@/components/shell/section-empty";

export const metadata: Metadata = { title: "Panel" };

export default function PanelPage() {
  return <SectionEmpty section="panel" />;
}
