// The HAProxy configuration `npm run cluster` runs with: one URL for the
// browser, /api/auth/* and the app to the frontend servers, the rest of
// /api/* to the backends, every replica health-checked.

/**
 * @param {object} options
 * @param {number} options.port where the browser connects
 * @param {number[]} options.backends backend replicas' ports on 127.0.0.1
 * @param {number[]} options.frontends frontend server replicas' ports on 127.0.0.1
 * @param {number} options.statsPort HAProxy's status page (`/stats`, `/stats;csv`), on 127.0.0.1 only
 */
export function haproxyConfig({ port, backends, frontends, statsPort }) {
  const servers = (prefix, ports) => ports.map((p, i) => `  server ${prefix}${i + 1} 127.0.0.1:${p} check`).join('\n');
  return `# Written by tools/cluster.mjs on every start; edits are lost.
global
  maxconn 4096

defaults
  mode http
  timeout connect 1s
  timeout client 60s
  # Above the servers' own 30 s request timeout, so they answer first.
  timeout server 35s
  timeout http-request 35s
  option forwardfor
  # A replica that dies is out of rotation within about a second: health
  # checks every 500 ms, down after 2 failures, or at once on a refused
  # connection (observe layer4); back after 2 good checks.
  default-server inter 500ms fastinter 250ms downinter 1s fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
  # A request that could not be sent, or got no answer because its replica
  # died, is tried again on another one, but only when repeating it is
  # harmless (below): a create or a toggle caught in a crash is the client's
  # to retry, with its Idempotency-Key.
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response

frontend taskgate
  bind 127.0.0.1:${port}
  acl idempotent method GET HEAD OPTIONS PUT DELETE
  http-request disable-l7-retry if !idempotent
  acl auth path_beg /api/auth/
  acl api path_beg /api/
  use_backend frontend_servers if auth
  use_backend backends if api
  default_backend frontend_servers

# Which replica is up, for people and tests: http://127.0.0.1:${statsPort}/stats
frontend stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
  stats refresh 2s

backend backends
  balance roundrobin
  option httpchk GET /api/health/ready
  http-check expect status 200
${servers('backend', backends)}

backend frontend_servers
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
${servers('frontend', frontends)}
`;
}
