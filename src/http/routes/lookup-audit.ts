// GET /api/v1/roster.audit.lookups (a Roster extension): the audit of gated lookups, paged, for view-lookup-audit.
import type { FastifyInstance } from 'fastify';
import type { Context } from '../../core/context.js';
import { forbidden, invalidParams } from '../../errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { LOOKUP_AUDIT_QUERY, type LookupAuditQuery } from '../../api/roster.js';
import { beforeRateLimit, checker } from '../validation.js';

export const LOOKUP_AUDIT_PERMISSION = 'view-lookup-audit';

/** Rocket.Chat's getPaginationItems: `count` 50 by default, at most API_Upper_Count_Limit's 100. */
const DEFAULT_COUNT = 50;
const MAX_COUNT = 100;

/** A Roster extension: no Rocket.Chat text to match, so the legacy style, each message naming its key. */
const checkLookupAudit = checker(LOOKUP_AUDIT_QUERY, 'legacy');

const EXAMPLE = {
  entries: [
    {
      ts: '2026-12-02T12:00:00.000Z',
      callerId: '5fRTXMt7DMJbpPJfh',
      targetId: 'BsNr28znDkG8aeo7W',
      key: 'email',
      value: 'test.john@test.com',
      found: true,
    },
  ],
  count: 1,
  offset: 0,
  total: 1,
  success: true,
};

/** An ISO instant normalised to `toISOString` form (stored entries use it), or an invalid-params error. */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidParams([`${name} must be a valid date-time`]);
  return new Date(time).toISOString();
}

export function lookupAuditRoutes(app: FastifyInstance, context: Context): void {
  app.get<{ Querystring: LookupAuditQuery }>(
    '/api/v1/roster.audit.lookups',
    {
      schema: {
        summary: 'roster.audit.lookups',
        description:
          'Roster extension: the audit of gated lookups (by `email` or `importId`, and full views of another user), newest first. Needs `view-lookup-audit`.',
        tags: ['Roster extensions'],
        querystring: checkLookupAudit.schema,
        response: responses('A page of audit entries.', EXAMPLE, [400, 403]),
      },
      // Phase before-rate-limit (Fastify's), as every roster.* route.
      ...beforeRateLimit('querystring', checkLookupAudit, (issue) =>
        [issue.instancePath.replace(/^\//, ''), issue.message ?? 'is invalid'].filter(Boolean).join(' '),
      ),
    },
    async (request) => {
      const caller = callerOf(request).user;
      if (!(await context.permissions.has(caller.roles, LOOKUP_AUDIT_PERMISSION))) throw forbidden();
      const query = request.query;
      const offset = Number(query.offset ?? 0);
      const count = Math.min(Math.max(Number(query.count ?? DEFAULT_COUNT), 1), MAX_COUNT);
      const since = instant('since', query.since);
      const until = instant('until', query.until);
      // Entries waiting in memory are written first, so an admin reads every lookup made before the request.
      await context.lookupAudit.flush();
      const page = await context.lookupAudit.list({
        offset,
        count,
        ...(query.caller !== undefined ? { callerId: query.caller } : {}),
        ...(query.target !== undefined ? { targetId: query.target } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
      });
      return success({ entries: page.entries, count: page.entries.length, offset, total: page.total });
    },
  );
}
