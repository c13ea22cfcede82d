import "server-only";
import { API_SCOPES } from "@/lib/schemas/api-clients";
import { appOrigin, appUrl } from "@/server/public-api/urls";

/**
 * OAuth 2.0 Authorization Server Metadata (RFC 8414), so standard clients (openid-client's
 * `discovery()`, oauth4webapi) configure themselves from APP_URL. Only what we really support.
 */
export function authorizationServerMetadata() {
  return {
    issuer: appOrigin(),
    authorization_endpoint: appUrl("/oauth/autorizar"),
    token_endpoint: appUrl("/api/oauth/token"),
    revocation_endpoint: appUrl("/api/oauth/revoke"),
    scopes_supported: [...API_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    service_documentation: appUrl("/api/v1/openapi.json"),
  };
}
