// users-info.md §5's field sets as the tests state them: restated from the spec, never imported from src/core,
// so a test of the visibility code cannot agree with it by construction.

/** Fields every caller may see (besides `_id`), when the stored user has them. */
export const DEFAULT_FIELDS = [
  'name',
  'username',
  'nickname',
  'status',
  'utcOffset',
  'type',
  'active',
  'bio',
  'reason',
  'statusText',
  'avatarETag',
  'federated',
  'statusLivechat',
  'abacAttributes',
  'freeSwitchExtension',
];

/** Fields added when the caller may view all info (self, or view-full-other-user-info). */
export const FULL_FIELDS = [
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'importIds',
];
