/** A configuration problem: one line that names the variable and never echoes its value. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The one way either server reads a variable. Blank counts as unset; every
 * refusal is an {@link EnvironmentError} whose message is `NAME <rule>`, the
 * rule written once where the variable is read.
 */
export class EnvironmentReader {
  constructor(private readonly env: Environment) {}

  /** The trimmed value, or undefined when unset or blank. */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** The raw value (secrets keep their spaces), or undefined when unset or empty. */
  raw(name: string): string | undefined {
    const value = this.env[name];
    return value ? value : undefined;
  }

  /** A whole number within bounds. */
  integer(name: string, fallback: number, { min, max }: { min: number; max: number }, rule: string): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) throw new EnvironmentError(`${name} ${rule}`);
    return value;
  }

  /** A port number, 0 to 65535. */
  port(name: string, fallback: number): number {
    return this.integer(name, fallback, { min: 0, max: 65_535 }, 'must be a whole number from 0 to 65535');
  }

  /** A port number, 0 to 65535, or undefined when unset: for a listener that is off unless asked for. */
  optionalPort(name: string): number | undefined {
    return this.text(name) === undefined ? undefined : this.port(name, 0);
  }

  /**
   * An absolute URL with one of `protocols` (without the colon), without the
   * trailing slashes of its path: `http://host/` and `http://host` are the
   * same address, and token issuers are compared as exact strings.
   */
  url(name: string, protocols: readonly string[], rule: string): string | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    return parseUrl(text, protocols) ?? fail(name, rule);
  }

  /** Comma-separated items, trimmed, blanks dropped. */
  list(name: string): string[] {
    return (this.text(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** One of `values`, case-insensitive. */
  oneOf<T extends string>(name: string, values: readonly T[], fallback: T): T {
    const text = this.text(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if ((values as readonly string[]).includes(text)) return text as T;
    throw new EnvironmentError(`${name} must be one of ${values.join(', ')}`);
  }

  /** `true` or `false` (also 1/0, yes/no). */
  flag(name: string): boolean {
    const text = this.text(name)?.toLowerCase();
    if (text === undefined) return false;
    if (['true', '1', 'yes'].includes(text)) return true;
    if (['false', '0', 'no'].includes(text)) return false;
    throw new EnvironmentError(`${name} must be true or false`);
  }
}

function fail(name: string, rule: string): never {
  throw new EnvironmentError(`${name} ${rule}`);
}

/** `text` as a URL with one of `protocols`, trailing slashes dropped; undefined when it is not one. */
export function parseUrl(text: string, protocols: readonly string[]): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (!protocols.includes(parsed.protocol.slice(0, -1)) || !parsed.host) return undefined;
  return text.replace(/\/+$/, '');
}
