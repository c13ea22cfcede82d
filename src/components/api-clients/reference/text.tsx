import { Fragment, type ReactNode } from "react";

/** The document's descriptions use a little Markdown: paragraphs, `code` and *emphasis*. */
export function Prose({ text, className }: { text: unknown; className?: string }) {
  if (typeof text !== "string" || text.trim() === "") return null;
  return (
    <div className={className ? `prose ${className}` : "prose"}>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i}>{inline(p)}</p>
      ))}
    </div>
  );
}

function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*[^*\s][^*]*\*)/g).map((part, i) => {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith("*") && part.endsWith("*") && part.length > 2) return <em key={i}>{part.slice(1, -1)}</em>;
    return <Fragment key={i}>{part}</Fragment>;
  });
}
