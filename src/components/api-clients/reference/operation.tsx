import { useTranslations } from "next-intl";
import { deref, isNode, scopesOf, type Doc, type Node, type Operation } from "./model";
import { SchemaView, TypeView } from "./schema";
import { Prose } from "./text";

export function MethodBadge({ method }: { method: string }) {
  return <span className={`m m-${method}`}>{method}</span>;
}

/** One operation: what it does, the scopes it needs, its parameters, body and responses. */
export function OperationView({ doc, op }: { doc: Doc; op: Operation }) {
  const t = useTranslations("apiClients.docs.reference");
  const { node } = op;
  const parameters = (Array.isArray(node.parameters) ? node.parameters : []).map((p) => deref(doc, p));
  const body = deref(doc, node.requestBody);
  const responses = Object.entries(isNode(node.responses) ? node.responses : {});
  const scopes = scopesOf(doc, node);
  const titleId = `${op.id}-title`;
  return (
    <article id={op.id} aria-labelledby={titleId} className="card">
      <h3 id={titleId}>
        {typeof node.summary === "string" ? node.summary : `${op.method.toUpperCase()} ${op.path}`}
      </h3>
      <p className="row">
        <MethodBadge method={op.method} />
        <code>{op.path}</code>
      </p>
      <Prose text={node.description} className="mt" />
      {scopes.length > 0 && (
        <p className="mt">
          {t("scopes")} {scopes.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <code>{s}</code>
            </span>
          ))}
        </p>
      )}

      {parameters.length > 0 && (
        <div>
          <h4>{t("parameters")}</h4>
          <ul className="list">
            {parameters.map((p) => (
              <li key={`${String(p.in)}-${String(p.name)}`}>
                <div className="row">
                  <code className="n">{String(p.name)}</code>
                  <span className="small">{t(`in.${String(p.in)}` as "in.query")}</span>
                  <TypeView schema={p.schema} />
                  {p.required === true && <span className="req">{t("required")}</span>}
                </div>
                <Prose text={p.description} />
                {p.example !== undefined && <Example value={p.example} />}
              </li>
            ))}
          </ul>
        </div>
      )}

      {isNode(body.content) && (
        <div>
          <h4>
            {t("requestBody")} {body.required === true && <span className="req">({t("required")})</span>}
          </h4>
          <Contents content={body.content} />
        </div>
      )}

      {responses.length > 0 && (
        <div>
          <h4>{t("responses")}</h4>
          <ul className="list">
            {responses.map(([status, raw]) => {
              const r = deref(doc, raw);
              const headers = Object.keys(isNode(r.headers) ? r.headers : {});
              return (
                <li key={status}>
                  <p className="row">
                    <code className="n">{status}</code>
                    <span>{typeof r.description === "string" ? r.description : ""}</span>
                  </p>
                  {headers.length > 0 && (
                    <p className="small">
                      {t("headers")} <span className="t">{headers.join(", ")}</span>
                    </p>
                  )}
                  {isNode(r.content) && <Contents content={r.content} compact />}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </article>
  );
}

/** Media types of a body; `compact` shows only the type (responses), else the full schema. */
function Contents({ content, compact = false }: { content: Node; compact?: boolean }) {
  return (
    <div>
      {Object.entries(content).map(([type, media]) => {
        const m: Node = isNode(media) ? media : {};
        return (
          <div key={type}>
            <p className="row small">
              <span className="t">{type}</span>
              {compact && <TypeView schema={m.schema} />}
            </p>
            {!compact && (
              <SchemaView schema={m.schema} />
            )}
            {!compact && m.example !== undefined && <Example value={m.example} />}
          </div>
        );
      })}
    </div>
  );
}

function Example({ value }: { value: unknown }) {
  const t = useTranslations("apiClients.docs.reference");
  return (
    <p className="small">
      {t("example")} <code>{typeof value === "string" ? value : JSON.stringify(value)}</code>
    </p>
  );
}
