// Credentials as an operation's `security` asks for them. A request that meets none of its alternatives gets a 401
// that says what it needed and challenges for each scheme (RFC 9110 §11.6.1), which Prism's validator alone does not.
// As in Prism, a credential's value is not checked: any well-formed one passes.
import type { HttpSecurityScheme, IHttpOperation } from '@stoplight/types';
import { MockError } from './errors.js';

const realm = 'realm="vault-mock"';

/** `bearer` is `Bearer`: a scheme's name as challenges and Authorization headers spell it. */
const schemeName = (scheme: string) => `${scheme.charAt(0).toUpperCase()}${scheme.slice(1).toLowerCase()}`;

/** The `WWW-Authenticate` challenge of one scheme; none for mutual TLS, which is not asked for in HTTP. */
function challenge(scheme: HttpSecurityScheme): string | undefined {
  switch (scheme.type) {
    case 'http':
      return scheme.scheme.toLowerCase() === 'basic'
        ? `Basic ${realm}, charset="UTF-8"`
        : `${schemeName(scheme.scheme)} ${realm}`;
    case 'apiKey':
      return `ApiKey ${realm}, name="${scheme.name}", in="${scheme.in}"`;
    case 'oauth2':
    case 'openIdConnect':
      return `Bearer ${realm}`;
  }
}

/** Where a scheme's credential goes: the field that a 401 names. */
const credentialField = (scheme: HttpSecurityScheme) => (scheme.type === 'apiKey' ? scheme.name : 'Authorization');

/** What a scheme asks for, in words: `a bearer token (Authorization: Bearer …)`. */
function credentialWords(scheme: HttpSecurityScheme): string {
  switch (scheme.type) {
    case 'http':
      return scheme.scheme.toLowerCase() === 'bearer'
        ? 'a bearer token (Authorization: Bearer …)'
        : `${scheme.scheme} credentials (Authorization: ${schemeName(scheme.scheme)} …)`;
    case 'apiKey':
      return `an API key in the ${scheme.name} ${scheme.in === 'header' ? 'header' : `${scheme.in} parameter`}`;
    case 'oauth2':
    case 'openIdConnect':
      return `an OAuth 2.0 access token (Authorization: Bearer …) for ${scheme.key}`;
    case 'mutualTLS':
      return 'a client certificate';
  }
}

/**
 * The 401 of a request that meets none of the operation's security alternatives; `violations` is Prism's verdict, for
 * the `sl-violations` header.
 */
export function unauthorized(operation: IHttpOperation, violations?: string): MockError {
  // No alternative is empty here: an empty one (optional credentials) is always met.
  const alternatives = operation.security ?? [];
  const schemes = alternatives.flat();
  const needs = alternatives.map((alternative) => alternative.map(credentialWords).join(' and ')).join(', or ');
  const challenges = [...new Set(schemes.map(challenge).filter((value) => value !== undefined))];
  const [first] = schemes;
  return new MockError('UNAUTHORIZED', `${operation.method.toUpperCase()} ${operation.path} needs ${needs}.`, {
    ...(first === undefined ? {} : { field: credentialField(first) }),
    originalMessage: 'Invalid security scheme used',
    headers: {
      ...(challenges.length > 0 ? { 'www-authenticate': challenges.join(', ') } : {}),
      ...(violations === undefined ? {} : { 'sl-violations': violations }),
    },
  });
}
