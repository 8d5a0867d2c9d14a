// GET /api/v1/roster.audit.lookups (a Roster extension): the audit of gated lookups, paged, for view-lookup-audit.
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { Context } from '../../core/context.js';
import { forbidden, invalidParams } from '../../errors.js';
import { callerOf } from '../authenticate.js';
import { success } from '../envelope.js';
import { responses } from '../route-docs.js';
import { strictBodyValidator } from '../strict-body.js';

export const LOOKUP_AUDIT_PERMISSION = 'view-lookup-audit';

/** Rocket.Chat's getPaginationItems: `count` 50 by default, at most API_Upper_Count_Limit's 100. */
const DEFAULT_COUNT = 50;
const MAX_COUNT = 100;

interface LookupAuditQuerystring {
  offset?: string;
  count?: string;
  caller?: string;
  target?: string;
  since?: string;
  until?: string;
}

const ISO_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';

export const LOOKUP_AUDIT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'string', pattern: '^\\d{1,9}$', description: 'Entries to skip (default 0).' },
    count: { type: 'string', pattern: '^\\d{1,9}$', description: 'Entries per page: 1 to 100 (default 50).' },
    caller: { type: 'string', minLength: 1, description: 'Only lookups made by this user `_id`.' },
    target: { type: 'string', minLength: 1, description: 'Only lookups that found this user `_id`.' },
    since: {
      type: 'string',
      pattern: ISO_DATE_TIME,
      description: 'From this instant (UTC ISO-8601), included.',
    },
    until: { type: 'string', pattern: ISO_DATE_TIME, description: 'Before this instant (UTC ISO-8601).' },
  },
} as const;

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
  app.get<{ Querystring: LookupAuditQuerystring }>(
    '/api/v1/roster.audit.lookups',
    {
      schema: {
        summary: 'roster.audit.lookups',
        description:
          'Roster extension: the audit of gated lookups (by `email` or `importId`, and full views of another user), newest first. Needs `view-lookup-audit`.',
        tags: ['Roster extensions'],
        querystring: LOOKUP_AUDIT_QUERY,
        response: responses('A page of audit entries.', EXAMPLE, [400, 403]),
      },
      validatorCompiler: strictBodyValidator,
      schemaErrorFormatter: (errors: FastifySchemaValidationError[]) =>
        invalidParams(
          errors.map((issue) =>
            [issue.instancePath.replace(/^\//, ''), issue.message ?? 'is invalid'].filter(Boolean).join(' '),
          ),
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
