import { useTranslations } from "next-intl";
import { constraints, expandable, isNode, properties, refName, typeLabel, type Node } from "./model";
import { Prose } from "./text";

/** Anchor of a component schema's section. */
export const schemaAnchor = (name: string) => `schema-${name}`;

/** A type; a component schema (also as array items) is a link to its section. */
export function TypeView({ schema }: { schema: unknown }) {
  const ref = refName(schema);
  const itemsRef = isNode(schema) && schema.type === "array" ? refName(schema.items) : null;
  const link = (name: string) => <a href={`#${schemaAnchor(name)}`}>{name}</a>;
  return <span className="t">{ref ? link(ref) : itemsRef ? <>array&lt;{link(itemsRef)}&gt;</> : typeLabel(schema)}</span>;
}

/** A schema: its type, and the properties of an object (nested objects up to a few levels). */
export function SchemaView({ schema, depth = 0 }: { schema: unknown; depth?: number }) {
  const node: Node = isNode(schema) ? schema : {};
  const inner = expandable(node);
  if (!inner) return <TypeView schema={node} />;
  return <PropertyList schema={inner} depth={depth} />;
}

function PropertyList({ schema, depth }: { schema: Node; depth: number }) {
  const t = useTranslations("apiClients.docs.reference");
  return (
    <ul className="list">
      {properties(schema).map((p) => {
        const nested = depth < 3 ? expandable(p.schema) : null;
        const limits = constraints(p.schema);
        return (
          <li key={p.name}>
            <div className="row">
              <code className="n">{p.name}</code>
              <TypeView schema={p.schema} />
              {p.required && <span className="req">{t("required")}</span>}
            </div>
            <Prose text={p.schema.description} />
            {limits.length > 0 && <p className="t">{limits.join(" · ")}</p>}
            {nested && <PropertyList schema={nested} depth={depth + 1} />}
          </li>
        );
      })}
    </ul>
  );
}
