// Random users carrying every kind of secret, and random grants of the permissions that widen what callers see.
import fc from 'fast-check';
import type { Json } from '../../src/core/documents.js';
import type { TestApp } from '../helpers/test-app.js';

/** users-info.md §5: what anyone may see, what view-full-other-user-info (or being the user) adds. */
export { DEFAULT_FIELDS, FULL_FIELDS } from '../helpers/users-info-fields.js';

/** admin-api.md §5: users.list's projections. */
export const LIST_FIELDS_PLAIN = [
  '_id',
  'name',
  'username',
  'status',
  'active',
  'avatarETag',
  'type',
  'nameInsensitive',
];
export const LIST_FIELDS_FULL = [...LIST_FIELDS_PLAIN, 'emails', 'roles', 'lastLogin'];

export const GRANTABLE = ['view-full-other-user-info', 'view-d-room', 'view-other-user-channels'] as const;
export type Grantable = (typeof GRANTABLE)[number];

export interface SecretUser {
  /** Top-level fields a caller must never see, whatever its permissions. */
  never: Record<string, Json>;
  services: Record<string, Json>;
  /** The secret strings planted in this user; none may appear in any response or log line. */
  secrets: string[];
  optional: Record<string, Json>;
}

const token = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);

export const secretUser: fc.Arbitrary<SecretUser> = fc
  .record({
    totp: token,
    oauth: token,
    refresh: token,
    resume: token,
    e2e: token,
    invite: token,
    backup: token,
    optional: fc.record(
      {
        nickname: fc.string({ maxLength: 20 }),
        bio: fc.string({ maxLength: 40 }),
        statusText: fc.string({ maxLength: 20 }),
        phone: fc.constant([{ phoneNumber: '+15550000' }] as Json),
        utcOffset: fc.integer({ min: -12, max: 14 }),
        requirePasswordChange: fc.boolean(),
        customFields: fc.constant({ public1: 'p', private1: 's' } as Json),
        importIds: fc.constant(['imp-1'] as Json),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ totp, oauth, refresh, resume, e2e, invite, backup, optional }) => ({
    never: {
      e2e: { private_key: `E2E${e2e}`, public_key: 'pub' },
      settings: { preferences: { language: 'en' } },
      inviteToken: `INV${invite}`,
      __rooms: ['r1'],
    },
    services: {
      totp: { enabled: true, secret: `TOTP${totp}`, hashedBackup: [`BACKUP${backup}`] },
      github: { id: 42, username: 'gh', accessToken: `GHO${oauth}`, refreshToken: `REF${refresh}` },
      resume: { loginTokens: [{ hashedToken: `RESUME${resume}`, when: '2024-01-01T00:00:00.000Z' }] },
      email: { verificationTokens: [{ token: `VERIFY${resume}` }] },
    },
    secrets: [
      `TOTP${totp}`,
      `GHO${oauth}`,
      `REF${refresh}`,
      `RESUME${resume}`,
      `VERIFY${resume}`,
      `E2E${e2e}`,
      `INV${invite}`,
      `BACKUP${backup}`,
    ],
    optional: optional as Record<string, Json>,
  }));

export const grants = fc.subarray([...GRANTABLE]);

/** Gives the `user` role exactly the chosen permissions among GRANTABLE; everything else stays default. */
export async function grantToUserRole(t: TestApp, chosen: readonly Grantable[]): Promise<void> {
  const all = await t.store.permissions.list();
  const changed = all
    .filter((permission) => (GRANTABLE as readonly string[]).includes(permission._id))
    .map((permission) => {
      const others = permission.roles.filter((role) => role !== 'user');
      return {
        ...permission,
        roles: chosen.includes(permission._id as Grantable) ? [...others, 'user'] : others,
      };
    });
  await t.store.permissions.saveMany(changed);
  await t.store.settings.save({
    _id: 'Accounts_CustomFields',
    type: 'string',
    value: '{"public1":{"public":true},"private1":{"public":false}}',
  });
}
