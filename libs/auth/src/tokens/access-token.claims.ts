/**
 * The claims of an access token; `sub` is the user id, `iss`/`aud` are checked by the verifier.
 * `sub`, `iat` and `exp` are required: a correctly signed token without an expiry would be valid
 * forever, one without `iat` cannot be dated, one without `sub` names nobody.
 */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  roles: string[];
  iat: number;
  exp: number;
}

export function isAccessTokenClaims(value: unknown): value is AccessTokenClaims {
  const claims = value as Partial<AccessTokenClaims> | null;
  return (
    typeof claims === 'object' &&
    claims !== null &&
    typeof claims.sub === 'string' &&
    claims.sub !== '' &&
    Number.isFinite(claims.iat) &&
    Number.isFinite(claims.exp) &&
    typeof claims.email === 'string' &&
    Array.isArray(claims.roles) &&
    claims.roles.every((role) => typeof role === 'string')
  );
}
