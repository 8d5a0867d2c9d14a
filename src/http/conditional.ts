// Conditional GET (RFC 9110 §13.1.2): whether a request's If-None-Match names the answer's current tag.
/**
 * Whether an If-None-Match header value matches `tag`: `*`, or a list of tags compared weakly (RFC 9110
 * §13.1.2: `W/"x"` matches `"x"`). Malformed members simply do not match.
 */
export function noneMatchHits(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  const trimmed = header.trim();
  if (trimmed === '*') return true;
  for (const member of trimmed.split(',')) {
    let candidate = member.trim();
    if (candidate.startsWith('W/')) candidate = candidate.slice(2);
    if (candidate === tag) return true;
  }
  return false;
}
