// The voip-freeswitch.* contract: voip-freeswitch.extension.assign's body (rest-typings 8.x).
import type { RequestOf } from './contract.js';

/** `isVoipFreeSwitchExtensionAssignProps`; an empty `username` passes it and gets the handler's 404. */
export const VOIP_EXTENSION_ASSIGN_BODY = {
  type: 'object',
  properties: { username: { type: 'string' }, extension: { type: 'string' } },
  required: ['username'],
  additionalProperties: false,
} as const;
export type VoipExtensionAssignBody = RequestOf<typeof VOIP_EXTENSION_ASSIGN_BODY>;
