function b64url(value: object): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned token with the claims the browser reads (it never verifies). */
export function fakeToken(lifetimeSeconds: number, label = 'x', issuedAt = Math.floor(Date.now() / 1000)): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({
    sub: 'user-1',
    iat: issuedAt,
    exp: issuedAt + lifetimeSeconds,
    label,
  })}.sig-${label}`;
}
