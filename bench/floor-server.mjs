// The floor: the leanest Node.js server for Taskgate's hot routes, to measure
// the real backend against. node:http + pg + HS256 with node:crypto, no
// framework, the same SQL as named prepared statements (as Taskgate runs
// them) and the same JSON (the v1.1 task: labels, recurrence, remindAt too). Not a product: it skips most of the contract
// (validation, problem details, CORS, headers, limits). Its table is
// floor_tasks, the leanest that serves these routes: a primary key and one
// (user_id, created_at DESC, id) index (bench/run.mjs makes it and copies the
// seed into it), so the ratio shows what Taskgate's other indexes and its
// per-user totals cost on writes.
//   PORT, DATABASE_URL, BETTER_AUTH_SECRET, JWT_ISSUER/JWT_AUDIENCE (default http://localhost:4200),
//   DATABASE_POOL_SIZE (default 20, as Taskgate's: both servers get the same pool),
//   FLOOR_TABLE: floor_tasks (default), or tasks to write into Taskgate's own
//   table, indexes and triggers included (BENCH_FLOOR_TABLE in bench/run.mjs)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
// The built libs/api-token (`npx nx build api-token`): the one key derivation.
import { deriveApiTokenKey } from '../dist/libs/api-token/index.mjs';

const key = deriveApiTokenKey(process.env.BETTER_AUTH_SECRET);
const issuer = process.env.JWT_ISSUER ?? 'http://localhost:4200';
const audience = process.env.JWT_AUDIENCE ?? issuer;
const TABLE = process.env.FLOOR_TABLE ?? 'floor_tasks';
if (!['floor_tasks', 'tasks'].includes(TABLE)) throw new Error('FLOOR_TABLE: floor_tasks or tasks');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const COLUMNS = `id, user_id AS "userId", title, description, completed, priority,
  to_char(due_date, 'YYYY-MM-DD') AS "dueDate",
  to_char(completed_at AT TIME ZONE 'UTC', ${ISO}) AS "completedAt",
  to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', ${ISO}) AS "updatedAt",
  labels,
  CASE WHEN recurrence_every IS NOT NULL
    THEN json_build_object('every', recurrence_every, 'interval', recurrence_interval) END AS recurrence,
  to_char(remind_at AT TIME ZONE 'UTC', ${ISO}) AS "remindAt", version`;

function subject(header) {
  if (!header || !header.startsWith('Bearer ')) return null;
  const token = header.slice(7);
  const [h, p, s] = token.split('.');
  if (!s) return null;
  const expected = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const header_ = JSON.parse(Buffer.from(h, 'base64url'));
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  const now = Date.now() / 1000;
  if (header_.alg !== 'HS256' || claims.iss !== issuer || claims.aud !== audience || !(claims.exp > now - 5)) return null;
  return typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
}

const task = ({ version, ...rest }) => rest;

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

const server = createServer(async (req, res) => {
  try {
    const sub = subject(req.headers.authorization);
    if (!sub) return send(res, 401, { status: 401 }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    const [path] = req.url.split('?');
    const parts = path.split('/');
    // ['', 'api', user, 'tasks', id?, 'complete'?]
    if (decodeURIComponent(parts[2]) !== sub) return send(res, 403, { status: 403 });
    if (req.method === 'GET' && parts.length === 4) {
      const { rows } = await pool.query({
        name: 'list',
        text: `SELECT ${COLUMNS}, count(*) OVER () AS total FROM ${TABLE} WHERE user_id = $1
         ORDER BY created_at DESC, id ASC LIMIT $2 OFFSET $3`,
        values: [sub, 50, 0],
      });
      const total = rows.length ? rows[0].total : '0';
      return send(res, 200, rows.map(({ total: _, ...row }) => task(row)), { 'x-total-count': total });
    }
    if (req.method === 'GET' && parts.length === 5) {
      const { rows } = await pool.query({ name: 'get', text: `SELECT ${COLUMNS} FROM ${TABLE} WHERE id = $1 AND user_id = $2`, values: [parts[4], sub] });
      return rows[0] ? send(res, 200, task(rows[0]), { etag: `"${rows[0].version}"` }) : send(res, 404, { status: 404 });
    }
    if (req.method === 'POST' && parts.length === 4) {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const body = JSON.parse(raw);
      const { rows } = await pool.query({
        name: 'insert',
        text: `INSERT INTO ${TABLE} (user_id, title, description, completed, priority, due_date, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $4 THEN now() END) RETURNING ${COLUMNS}`,
        values: [sub, String(body.title).trim(), body.description ?? null, body.completed ?? false, body.priority ?? 'medium', body.dueDate ?? null],
      });
      return send(res, 201, task(rows[0]), { location: `${path}/${rows[0].id}`, etag: `"${rows[0].version}"` });
    }
    if (req.method === 'PATCH' && parts.length === 6) {
      const { rows } = await pool.query({
        name: 'toggle',
        text: `UPDATE ${TABLE} t SET completed = NOT t.completed, completed_at = CASE WHEN t.completed THEN NULL ELSE now() END,
           version = t.version + 1, updated_at = GREATEST(now(), t.updated_at + interval '1 millisecond')
         WHERE t.id = $1 AND t.user_id = $2 RETURNING ${COLUMNS}`,
        values: [parts[4], sub],
      });
      return rows[0] ? send(res, 200, task(rows[0]), { etag: `"${rows[0].version}"` }) : send(res, 404, { status: 404 });
    }
    send(res, 404, { status: 404 });
  } catch {
    send(res, 500, { status: 500 });
  }
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
