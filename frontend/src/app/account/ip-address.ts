const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(ip: string): number[] | null {
  const halves = ip.split('::');
  if (halves.length > 2) return null;
  const [head, tail] = halves.map((half) => (half ? half.split(':') : []));
  const missing = 8 - head.length - (tail?.length ?? 0);
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return null;
  const groups = [...head, ...Array(tail === undefined ? 0 : missing).fill('0'), ...(tail ?? [])];
  return groups.every((g) => HEX_GROUP.test(g)) ? groups.map((g) => parseInt(g, 16)) : null;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of zero groups as "::". */
function shortIpv6(groups: number[]): string {
  let best = { start: -1, length: 1 };
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - i > best.length) best = { start: i, length: end - i };
    i = end;
  }
  const text = groups.map((g) => g.toString(16));
  if (best.start < 0) return text.join(':');
  return `${text.slice(0, best.start).join(':')}::${text.slice(best.start + best.length).join(':')}`;
}

/**
 * A session's IP address as a person reads it. Better Auth stores IPv6
 * addresses expanded and cut to their /64 network
 * ("2001:0db8:0000:0000:0000:0000:0000:0000"): that becomes "2001:db8::/64".
 * No address, or only zeros (a loopback address cut to /64), is "unknown".
 */
export function displayIp(ip: string | null | undefined): string {
  const raw = ip?.trim();
  if (!raw || raw === '0.0.0.0') return 'unknown';
  if (!raw.includes(':')) return raw;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped) return mapped[1];
  const groups = ipv6Groups(raw);
  if (!groups) return raw;
  if (groups.every((g) => g === 0)) return 'unknown';
  const network = groups.slice(4).every((g) => g === 0);
  return network ? `${shortIpv6(groups)}/64` : shortIpv6(groups);
}
