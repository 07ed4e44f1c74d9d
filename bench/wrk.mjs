// The bench's load generator when wrk (Debian's package) is installed: a C
// program that keeps 100 connections busy from one thread for a fraction of
// the CPU autocannon spends per request. On one core autocannon tops out near
// the floor's reject rate, which hides part of the gap between the two
// servers; wrk does not.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** True when `wrk` is on the PATH. */
export function wrkInstalled() {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).status !== null;
}

const luaString = (text) => JSON.stringify(text); // a JSON string is a valid Lua string for this ASCII data

/** Lua that returns the next request of user `u`, drawn from `mix` (kind → share, as in run.mjs). */
function nextRequestLua(mix) {
  const shares = Object.entries(mix);
  if (shares.length === 1) return `return ${shares[0][0]}(u)`;
  let bound = 0;
  const branches = shares.slice(0, -1).map(([kind, share]) => `if roll < ${(bound += share)} then return ${kind}(u) end`);
  return ['local roll = math.random()', ...branches, `return ${shares.at(-1)[0]}(u)`].join('\n  ');
}

/**
 * The Lua side of a run: the users (path, token, task ids), their requests
 * of each kind, the forged tokens' requests (path and token, taken in
 * turn; only in a scenario that rejects: 1.4 MB the others need not
 * carry), the next request drawn from `mix`, and a `done` that prints
 * wrk's figures as one JSON line. Errors are transport errors plus wrk's
 * own count of answers ≥ 400 (kept in C, free per response), or, when
 * every answer should be a 401 (`expect4xx`), of answers below 400: a Lua
 * `response` callback to check each status slowed wrk by ~10 % here,
 * enough to make it the limit of the reject scenario. The bench checks
 * that those answers are 401s separately (see run.mjs).
 */
export function wrkScript({ users, forgedRequests, createBody, mix, expect4xx }) {
  const userTable = users
    .map((user) => `{ path = ${luaString(user.path)}, token = ${luaString(user.token)}, ids = { ${user.taskIds.map(luaString).join(', ')} } }`)
    .join(',\n');
  return `
local users = {
${userTable}
}
local forged = {
${('reject' in mix ? forgedRequests : []).map((forged) => `{ path = ${luaString(forged.path)}, token = ${luaString(forged.token)} }`).join(',\n')}
}
local createBody = ${luaString(createBody)}
-- Every request a run can send, formatted once per thread before it starts:
-- wrk then only copies a string per request, however fast the server.
local lists, rejects, creates, gets, toggles = {}, {}, {}, {}, {}
init = function()
  for i, u in ipairs(users) do
    local auth = { Authorization = "Bearer " .. u.token }
    lists[i] = wrk.format("GET", u.path, auth)
    creates[i] = wrk.format("POST", u.path, { Authorization = auth.Authorization, ["Content-Type"] = "application/json" }, createBody)
    gets[i], toggles[i] = {}, {}
    for j, id in ipairs(u.ids) do
      gets[i][j] = wrk.format("GET", u.path .. "/" .. id, auth)
      toggles[i][j] = wrk.format("PATCH", u.path .. "/" .. id .. "/complete", auth)
    end
  end
  for k, f in ipairs(forged) do
    rejects[k] = wrk.format("GET", f.path, { Authorization = "Bearer " .. f.token })
  end
end
local function list(i) return lists[i] end
-- The forged tokens in turn, whoever's turn it is.
local r = 0
local function reject() r = (r % #rejects) + 1; return rejects[r] end
local function create(i) return creates[i] end
local function get(i) return gets[i][math.random(#gets[i])] end
local function toggle(i) return toggles[i][math.random(#toggles[i])] end

-- Users take turns, request by request.
local n = 0
request = function()
  n = n + 1
  local u = (n % #users) + 1
  ${nextRequestLua(mix)}
end

done = function(summary, latency)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + ${expect4xx ? 'summary.requests - e.status' : 'e.status'}
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), errors))
end
`;
}

/** Runs wrk with one thread (the load generator has one core) and returns its figures. */
export function runWrk({ base, connections, durationSeconds, script, scriptPath }) {
  writeFileSync(scriptPath, script);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${durationSeconds}s`, '-s', scriptPath, base], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.startsWith('{"requests"'));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (exit ${code}): ${output}`));
      const figures = JSON.parse(line);
      resolve({
        rps: figures.requests / (figures.durationUs / 1e6),
        p50: figures.p50Us / 1000,
        p99: figures.p99Us / 1000,
        errors: figures.errors,
      });
    });
  });
}
