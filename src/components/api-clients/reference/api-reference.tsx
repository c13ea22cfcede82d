import { useTranslations } from "next-intl";
import { isNode, operationsByTag, tagAnchor, webhookOperations, type Doc, type Node } from "./model";
import { MethodBadge, OperationView } from "./operation";
import { SchemaView, schemaAnchor } from "./schema";
import { Prose } from "./text";
import "./api-reference.css";

/**
 * The public API's OpenAPI document rendered on the server from the same object /api/v1/openapi.json
 * serves: nothing loads from elsewhere, nothing runs in the browser, Spanish labels from our
 * messages. (Replaces a third-party renderer that was slow, half English and offered an AI chat.)
 */
export function ApiReference({ doc }: { doc: Doc }) {
  const t = useTranslations("apiClients.docs.reference");
  const info: Node = isNode(doc.info) ? doc.info : {};
  const servers = (Array.isArray(doc.servers) ? doc.servers : []).filter(isNode);
  const groups = operationsByTag(doc);
  const webhooks = webhookOperations(doc);
  const schemas = Object.entries(doc.components?.schemas ?? {});
  const schemes = Object.entries(doc.components?.securitySchemes ?? {});
  return (
    <div className="api-ref">
      <section aria-labelledby="api-info" className="card">
        <h2 id="api-info">
          {String(info.title ?? "API")} <span className="small">{t("version", { version: String(info.version ?? "") })}</span>
        </h2>
        <Prose text={info.description} className="mt" />
        <dl className="mt">
          {servers.map((s) => (
            <div key={String(s.url)} className="row">
              <dt className="n">{t("server")}</dt>
              <dd>
                <code data-testid="api-server-url">
                  {String(s.url)}
                </code>
              </dd>
            </div>
          ))}
        </dl>
        <h3 className="mt">{t("authentication")}</h3>
        <ul className="list">
          {schemes.map(([name, scheme]) => (
            <li key={name}>
              <p>
                <code className="n">{name}</code> <span className="small">({String(scheme.type)})</span>
              </p>
              <Prose text={scheme.description} />
              <OAuthFlows flows={scheme.flows} />
            </li>
          ))}
        </ul>
      </section>

      <nav aria-label={t("contents")} className="card">
        <h2>{t("contents")}</h2>
        <ul className="toc">
          {groups.map((g) => (
            <li key={g.tag}>
              <a href={`#${tagAnchor(g.tag)}`}>
                {g.tag || t("other")}
              </a>
              <ul className="list">
                {g.operations.map((op) => (
                  <li key={op.id} className="row">
                    <MethodBadge method={op.method} />
                    <a href={`#${op.id}`}>
                      {typeof op.node.summary === "string" ? op.node.summary : op.path}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {webhooks.length > 0 && (
            <li>
              <a href="#tag-webhooks-sent">
                {t("webhooks")}
              </a>
            </li>
          )}
          {schemas.length > 0 && (
            <li>
              <a href="#schemas">
                {t("schemas")}
              </a>
            </li>
          )}
        </ul>
      </nav>

      {groups.map((g) => (
        <section key={g.tag} id={tagAnchor(g.tag)} aria-labelledby={`${tagAnchor(g.tag)}-title`}>
          <h2 id={`${tagAnchor(g.tag)}-title`}>
            {g.tag || t("other")}
          </h2>
          <Prose text={g.description} />
          {g.operations.map((op) => (
            <OperationView key={op.id} doc={doc} op={op} />
          ))}
        </section>
      ))}

      {webhooks.length > 0 && (
        <section id="tag-webhooks-sent" aria-labelledby="tag-webhooks-sent-title">
          <h2 id="tag-webhooks-sent-title">
            {t("webhooks")}
          </h2>
          <p>{t("webhooksIntro")}</p>
          {webhooks.map((op) => (
            <OperationView key={op.id} doc={doc} op={op} />
          ))}
        </section>
      )}

      {schemas.length > 0 && (
        <section id="schemas" aria-labelledby="schemas-title">
          <h2 id="schemas-title">
            {t("schemas")}
          </h2>
          {schemas.map(([name, schema]) => (
            <article key={name} id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-title`} className="card">
              <h3 id={`${schemaAnchor(name)}-title`}>
                <code>{name}</code>
              </h3>
              <Prose text={schema.description} />
              <SchemaView schema={schema} />
            </article>
          ))}
        </section>
      )}
    </div>
  );
}

/** OAuth 2.0 flows: their URLs and the scopes they grant. */
function OAuthFlows({ flows }: { flows: unknown }) {
  const t = useTranslations("apiClients.docs.reference");
  if (!isNode(flows)) return null;
  return (
    <ul className="list">
      {Object.entries(flows).map(([flow, raw]) => {
        const f: Node = isNode(raw) ? raw : {};
        const urls = (["authorizationUrl", "tokenUrl", "refreshUrl"] as const).filter((k) => typeof f[k] === "string");
        const scopes = Object.entries(isNode(f.scopes) ? f.scopes : {});
        return (
          <li key={flow} className="flow">
            <p className="n">{flow}</p>
            <dl className="small">
              {urls.map((k) => (
                <div key={k} className="row">
                  <dt>{k}</dt>
                  <dd>
                    <code>{String(f[k])}</code>
                  </dd>
                </div>
              ))}
            </dl>
            {scopes.length > 0 && (
              <>
                <p className="mt n">{t("scopeList")}</p>
                <ul className="small">
                  {scopes.map(([scope, description]) => (
                    <li key={scope}>
                      <code>{scope}</code> — {String(description)}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
