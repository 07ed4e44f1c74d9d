/** Who the API token says is calling; set on the request by {@link JwtStrategy}. */
export interface AuthenticatedUser {
  /** The token's `sub`: the Better Auth user id. */
  id: string;
  email?: string;
  name?: string;
}
