// The query-string parser of every route: Rocket.Chat's `qs` semantics, with a fast path for plain queries.
import qs from 'qs';

/** `name=value` pairs whose characters qs leaves as they are: no brackets, dots, escapes, `+` or repeats. */
const PLAIN_QUERY = /^[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9_.~-]*(?:&[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9_.~-]*)*$/;
/** Parameters qs reads at most (parameterLimit); more take qs's own path, which drops the rest. */
const MAX_PLAIN_PARAMETERS = 1000;

/** Rocket.Chat parses queries with `qs`: `a=1&a=2` and `a[]=1` are arrays, `a[b]=1` an object. */
function parseWithQs(query: string): Record<string, unknown> {
  return qs.parse(query, { depth: 5, parameterLimit: 1000, arrayLimit: 100 });
}

/**
 * What `qs.parse` returns, computed without it for the plain queries almost every request sends
 * (`username=user1&includeUserRooms=true`): distinct keys that are not Object.prototype's (qs drops those),
 * values with nothing to decode. Anything else goes to qs (test/unit/http/query-string.test.ts compares both).
 */
export function parseQueryString(query: string): Record<string, unknown> {
  if (query === '') return {};
  if (query.length > 2048 || !PLAIN_QUERY.test(query)) return parseWithQs(query);
  const parsed: Record<string, string> = {};
  let start = 0;
  let count = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    const equals = query.indexOf('=', start);
    const key = query.slice(start, equals);
    if (Object.hasOwn(parsed, key) || key in Object.prototype || ++count > MAX_PLAIN_PARAMETERS) {
      return parseWithQs(query);
    }
    parsed[key] = query.slice(equals + 1, end);
    start = end + 1;
  }
  return parsed;
}
