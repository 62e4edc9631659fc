/** The private claims of an access token; `sub` is the user id, `iss`/`aud`/`exp` are standard. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  roles: string[];
  exp?: number;
}

export function isAccessTokenClaims(value: unknown): value is AccessTokenClaims {
  const claims = value as Partial<AccessTokenClaims> | null;
  return (
    typeof claims === 'object' &&
    claims !== null &&
    typeof claims.sub === 'string' &&
    typeof claims.email === 'string' &&
    Array.isArray(claims.roles) &&
    claims.roles.every((role) => typeof role === 'string')
  );
}
