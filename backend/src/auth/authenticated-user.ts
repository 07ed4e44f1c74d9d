/** Who the API token says is calling; set on the request by {@link JwtStrategy}. */
export interface AuthenticatedUser {
  /** The token's `sub`: the Better Auth user id. */
  id: string;
  /** The token's `sid`: the Better Auth session it was fetched with. */
  sessionId: string;
  email?: string;
  name?: string;
}
