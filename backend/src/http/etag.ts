/** A task's strong ETag: its version, which every change increments. */
export function formatEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header requires: undefined when absent, 'any'
 * for `*`, else the versions it lists (strong tags only; RFC 9110 §13.1.1
 * uses the strong comparison, so weak tags and garbage match nothing).
 */
export function parseIfMatch(header: string | undefined): undefined | 'any' | number[] {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'any';
  const versions: number[] = [];
  for (const tag of header.split(',')) {
    // Strong comparison is character by character: "01" is not "1".
    const match = /^\s*"(0|[1-9]\d{0,8})"\s*$/.exec(tag);
    if (match) versions.push(Number(match[1]));
  }
  return versions;
}
