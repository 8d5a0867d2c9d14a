// The invariants every fuzzed response must keep: a documented status, Rocket.Chat's envelope, no internals.

/** Statuses the API documents (README "Limits", compat.md); anything else, and every 5xx, is a finding. */
// 304: users.info and avatars answer If-None-Match; 307: users.getAvatar redirects to the avatar URL.
export const DOCUMENTED_STATUSES = new Set([200, 304, 307, 400, 401, 403, 404, 408, 429, 431]);

/** Signs of internals: stack frames, SQL, driver errors, file paths, framework error codes. */
const LEAKS: Array<[string, RegExp]> = [
  ['stack frame', /\bat [\w.<>]+ \(|\n\s+at /],
  ['sqlite', /SQLITE|SqliteError|better-sqlite/i],
  ['sql', /\b(SELECT .* FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b/i],
  ['file path', /\/(work|home|usr|src|dist|node_modules)\/[\w./-]+\.(ts|js|mjs)/],
  ['fastify code', /FST_ERR_|ERR_[A-Z_]{4,}/],
  ['stack key', /"stack"\s*:/],
];

export interface CheckInput {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
  /** The request as text, so an echoed input is not mistaken for a leak. */
  requestText: string;
}

export function checkAnswer(input: CheckInput): string | null {
  const { method, path, status, contentType, body, requestText } = input;
  if (!DOCUMENTED_STATUSES.has(status)) return `undocumented status ${status}`;
  for (const [name, pattern] of LEAKS) {
    if (pattern.test(body) && !pattern.test(requestText)) return `leaks ${name}: ${body.slice(0, 200)}`;
  }
  if (method === 'HEAD') return null;
  if (status === 200 && path.startsWith('/metrics'))
    return contentType.startsWith('text/plain') ? null : 'metrics type';
  if (!contentType.startsWith('application/json'))
    return `content-type "${contentType}" (body ${body.slice(0, 120)})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `body is not JSON: ${body.slice(0, 120)}`;
  }
  // users.getAvatar answers its redirect with the URL as a JSON string, as Rocket.Chat's does.
  if (status === 307 && typeof parsed === 'string') return null;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'body is not an object';
  const envelope = parsed as { success?: unknown; error?: unknown };
  // Rocket.Chat answers an unknown setting id with API.v1.failure(): a bare 400 {"success":false} (compat.md §3).
  if (status === 400 && path.startsWith('/api/v1/settings/') && body === '{"success":false}') return null;
  if (status >= 400) {
    if (envelope.success !== false || typeof envelope.error !== 'string')
      return `error without envelope: ${body.slice(0, 160)}`;
  } else if (envelope.success !== true) {
    return `2xx without success:true: ${body.slice(0, 160)}`;
  }
  return null;
}
