// The server variants of the per-stage CPU table, in order: each adds one stage of Roster to the one before.
export const STAGE_VARIANTS = [
  'fastify',
  'parse',
  'authenticate',
  'rate-limit',
  'lookup',
  'visibility',
  'serialise',
  'audit',
  'app',
  'metrics',
  'log',
] as const;
export type StageVariant = (typeof STAGE_VARIANTS)[number];
