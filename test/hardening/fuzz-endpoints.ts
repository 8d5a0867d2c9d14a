// Every route Roster serves, with the parameters each one reads: the surface the fuzzer aims at.

/** What a parameter holds; the generator draws plausible and hostile values for each kind. */
export type FieldKind =
  | 'userId'
  | 'username'
  | 'email'
  | 'name'
  | 'password'
  | 'token'
  | 'bool'
  | 'int'
  | 'text'
  | 'roomId'
  | 'roomName'
  | 'role'
  | 'permission'
  | 'usernames'
  | 'roles'
  | 'object'
  | 'sort'
  | 'date';

export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Parameters read from the query (GET) or the JSON body (POST). */
  fields: Record<string, FieldKind>;
  /** Fields nested one level down, e.g. users.update's `data`. */
  nested?: { key: string; fields: Record<string, FieldKind> };
  public?: boolean;
}

const USER_FIELDS: Record<string, FieldKind> = {
  email: 'email',
  name: 'name',
  password: 'password',
  username: 'username',
  active: 'bool',
  roles: 'roles',
  joinDefaultChannels: 'bool',
  requirePasswordChange: 'bool',
  sendWelcomeEmail: 'bool',
  verified: 'bool',
  customFields: 'object',
  freeSwitchExtension: 'text',
  nickname: 'text',
  bio: 'text',
  statusText: 'text',
};
const ROOM_REF: Record<string, FieldKind> = { roomId: 'roomId', roomName: 'roomName' };
const ROOM_MEMBER: Record<string, FieldKind> = {
  ...ROOM_REF,
  userId: 'userId',
  userIds: 'usernames',
  username: 'username',
};
const ROOM_CREATE: Record<string, FieldKind> = {
  name: 'roomName',
  members: 'usernames',
  readOnly: 'bool',
  excludeSelf: 'bool',
  customFields: 'object',
  extraData: 'object',
};
const PAGE: Record<string, FieldKind> = {
  offset: 'int',
  count: 'int',
  sort: 'sort',
  query: 'object',
  fields: 'object',
};
const ROLE_CHANGE: Record<string, FieldKind> = {
  roleId: 'role',
  roleName: 'role',
  username: 'username',
  roomId: 'roomId',
};

function rooms(prefix: 'channels' | 'groups'): Endpoint[] {
  return [
    { method: 'POST', path: `/api/v1/${prefix}.create`, fields: ROOM_CREATE },
    { method: 'POST', path: `/api/v1/${prefix}.delete`, fields: ROOM_REF },
    { method: 'GET', path: `/api/v1/${prefix}.info`, fields: ROOM_REF },
    { method: 'POST', path: `/api/v1/${prefix}.invite`, fields: ROOM_MEMBER },
    { method: 'POST', path: `/api/v1/${prefix}.kick`, fields: ROOM_MEMBER },
  ];
}

export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/info', fields: {}, public: true },
  { method: 'GET', path: '/livez', fields: {}, public: true },
  { method: 'GET', path: '/readyz', fields: {}, public: true },
  { method: 'GET', path: '/metrics', fields: {}, public: true },
  {
    method: 'POST',
    path: '/api/v1/login',
    fields: {
      user: 'username',
      username: 'username',
      email: 'email',
      password: 'password',
      resume: 'token',
      code: 'text',
      totp: 'object',
    },
    public: true,
  },
  { method: 'POST', path: '/api/v1/logout', fields: {} },
  { method: 'GET', path: '/api/v1/me', fields: {} },
  {
    method: 'GET',
    path: '/api/v1/users.info',
    fields: {
      userId: 'userId',
      username: 'username',
      email: 'email',
      includeUserRooms: 'bool',
      fields: 'object',
    },
  },
  { method: 'GET', path: '/api/v1/users.list', fields: PAGE },
  {
    method: 'GET',
    path: '/api/v1/users.listByStatus',
    fields: {
      ...PAGE,
      status: 'text',
      roles: 'roles',
      searchTerm: 'text',
      hasLoggedIn: 'bool',
      type: 'text',
    },
  },
  { method: 'GET', path: '/api/v1/users.autocomplete', fields: { selector: 'object' } },
  {
    method: 'GET',
    path: '/api/v1/directory',
    fields: { ...PAGE, text: 'text', type: 'text', workspace: 'text', query: 'object' },
  },
  { method: 'GET', path: '/api/v1/spotlight', fields: { query: 'text', usernames: 'text', type: 'object' } },
  {
    method: 'POST',
    path: '/api/v1/users.setAvatar',
    fields: { userId: 'userId', username: 'username', avatarUrl: 'text' },
  },
  { method: 'POST', path: '/api/v1/users.resetAvatar', fields: { userId: 'userId', username: 'username' } },
  {
    method: 'GET',
    path: '/api/v1/users.getAvatar',
    fields: { userId: 'userId', username: 'username', user: 'username' },
    public: true,
  },
  { method: 'POST', path: '/api/v1/users.create', fields: USER_FIELDS },
  {
    method: 'POST',
    path: '/api/v1/users.update',
    fields: { userId: 'userId' },
    nested: { key: 'data', fields: USER_FIELDS },
  },
  {
    // Self-service password/email changes need currentPassword (security F2); bio/nickname bounds (F7).
    method: 'POST',
    path: '/api/v1/users.updateOwnBasicInfo',
    fields: {},
    nested: {
      key: 'data',
      fields: {
        name: 'text',
        username: 'username',
        email: 'email',
        bio: 'text',
        nickname: 'text',
        newPassword: 'password',
        currentPassword: 'password',
      },
    },
  },
  {
    method: 'POST',
    path: '/api/v1/users.delete',
    fields: { userId: 'userId', username: 'username', confirmRelinquish: 'bool' },
  },
  {
    method: 'POST',
    path: '/api/v1/users.setActiveStatus',
    fields: { userId: 'userId', activeStatus: 'bool', confirmRelinquish: 'bool' },
  },
  {
    method: 'POST',
    path: '/api/v1/users.generatePersonalAccessToken',
    fields: { tokenName: 'text', bypassTwoFactor: 'bool' },
  },
  { method: 'GET', path: '/api/v1/users.getPersonalAccessTokens', fields: {} },
  { method: 'POST', path: '/api/v1/users.regeneratePersonalAccessToken', fields: { tokenName: 'text' } },
  { method: 'POST', path: '/api/v1/users.removePersonalAccessToken', fields: { tokenName: 'text' } },
  { method: 'GET', path: '/api/v1/roles.list', fields: {} },
  { method: 'POST', path: '/api/v1/roles.addUserToRole', fields: ROLE_CHANGE },
  { method: 'POST', path: '/api/v1/roles.removeUserFromRole', fields: ROLE_CHANGE },
  {
    method: 'GET',
    path: '/api/v1/roles.getUsersInRole',
    fields: { role: 'role', roomId: 'roomId', count: 'int', offset: 'int' },
  },
  { method: 'GET', path: '/api/v1/roles.sync', fields: { updatedSince: 'date' } },
  {
    method: 'POST',
    path: '/api/v1/roles.create',
    fields: { name: 'text', description: 'text', scope: 'text', mandatory2fa: 'bool' },
  },
  {
    method: 'POST',
    path: '/api/v1/roles.update',
    fields: { roleId: 'role', name: 'text', description: 'text', scope: 'text', mandatory2fa: 'bool' },
  },
  { method: 'POST', path: '/api/v1/roles.delete', fields: { roleId: 'role' } },
  { method: 'GET', path: '/api/v1/permissions.listAll', fields: { updatedSince: 'date' } },
  { method: 'POST', path: '/api/v1/permissions.update', fields: { permissions: 'object' } },
  {
    method: 'GET',
    path: '/api/v1/settings',
    fields: { includeDefaults: 'bool', count: 'int', offset: 'int', sort: 'sort' },
  },
  {
    method: 'GET',
    path: '/api/v1/settings.public',
    fields: { _id: 'text', count: 'int', offset: 'int', sort: 'sort' },
    public: true,
  },
  { method: 'GET', path: '/api/v1/settings.oauth', fields: {}, public: true },
  { method: 'GET', path: '/api/v1/service.configurations', fields: {}, public: true },
  { method: 'GET', path: '/api/v1/settings/API_Enable_Rate_Limiter', fields: {} },
  { method: 'GET', path: '/api/v1/settings/Accounts_CustomFields', fields: {} },
  { method: 'POST', path: '/api/v1/settings/Accounts_CustomFields', fields: { value: 'text' } },
  { method: 'POST', path: '/api/v1/settings/Site_Url', fields: { value: 'text' } },
  {
    method: 'POST',
    path: '/api/v1/voip-freeswitch.extension.assign',
    fields: { username: 'username', extension: 'text' },
  },
  ...rooms('channels'),
  ...rooms('groups'),
  {
    method: 'POST',
    path: '/api/v1/im.create',
    fields: { username: 'username', usernames: 'usernames', excludeSelf: 'bool' },
  },
  {
    method: 'POST',
    path: '/api/v1/dm.create',
    fields: { username: 'username', usernames: 'usernames', excludeSelf: 'bool' },
  },
  { method: 'POST', path: '/api/v1/subscriptions.read', fields: { rid: 'roomId', readThreads: 'bool' } },
];
