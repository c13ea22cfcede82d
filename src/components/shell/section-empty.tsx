import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { navItem, type NavKey } from "./nav-items";

/** A section that holds no data yet: its title and what it will do. */
export async function SectionEmpty({ section }: { section: NavKey }) {
  const t = await getTranslations();
  const { icon } = navItem(section);
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <EmptyState icon={icon} title={t("empty.title")}>
        <p>{t(`sections.${section}`)}</p>
      </EmptyState>
    </>
  );
}
