// Writes a synthetic Rocket.Chat mongoexport (users, rooms, subscriptions, roles, permissions, settings), streaming.
import { EJSON } from 'bson';
import bcrypt from 'bcrypt';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

export interface ExportPlan {
  users: number;
  subscriptions: number;
  /** Rooms the subscriptions spread over; at least subscriptions per user. */
  rooms: number;
  jsonArray?: boolean;
  canonical?: boolean;
}

/** User i's password and raw login token, so a test can log in as any generated user. */
export const generatedPassword = 'bench-password';
export const generatedToken = (index: number): string => `bench-token-${index}`;
export const generatedUserId = (index: number): string => `bench-user-${index}`;

const CHUNK = 1000;
const EPOCH = Date.UTC(2024, 0, 1);

export async function writeExport(dir: string, plan: ExportPlan): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const perUser = Math.floor(plan.subscriptions / plan.users);
  const extra = plan.subscriptions % plan.users;
  if (perUser + (extra > 0 ? 1 : 0) > plan.rooms) throw new Error('more subscriptions per user than rooms');
  const bcryptHash = await bcrypt.hash(createHash('sha256').update(generatedPassword).digest('hex'), 10);
  const file = (name: string): CollectionWriter => new CollectionWriter(join(dir, `${name}.json`), plan);
  await file('rocketchat_roles').writeAll(
    ['admin', 'user', 'bot', 'owner', 'moderator', 'leader'].map((name) => ({
      _id: name,
      name,
      scope: ['owner', 'moderator', 'leader'].includes(name) ? 'Subscriptions' : 'Users',
      description: '',
      protected: true,
      mandatory2fa: false,
    })),
  );
  await file('rocketchat_permissions').writeAll([
    { _id: 'view-full-other-user-info', roles: ['admin'], _updatedAt: new Date(EPOCH) },
    { _id: 'view-other-user-channels', roles: ['admin'], _updatedAt: new Date(EPOCH) },
  ]);
  await file('rocketchat_settings').writeAll([
    {
      _id: 'Accounts_CustomFields',
      type: 'code',
      value: '{"team":{"type":"text","public":true}}',
      packageValue: '',
    },
    { _id: 'Site_Url', type: 'string', value: 'https://chat.example.com', packageValue: '' },
  ]);
  const users = file('users');
  for (let index = 1; index <= plan.users; index++) await users.write(user(index, bcryptHash));
  await users.end();
  const rooms = file('rocketchat_room');
  for (let index = 0; index < plan.rooms; index++) await rooms.write(room(index));
  await rooms.end();
  const subscriptions = file('rocketchat_subscription');
  for (let index = 1; index <= plan.users; index++) {
    const count = perUser + (index <= extra ? 1 : 0);
    for (let position = 0; position < count; position++) {
      await subscriptions.write(subscription(index, (index + position) % plan.rooms, position));
    }
  }
  await subscriptions.end();
}

function user(index: number, bcryptHash: string): object {
  const when = new Date(EPOCH + index * 1000);
  return {
    _id: generatedUserId(index),
    createdAt: when,
    services: {
      password: { bcrypt: bcryptHash },
      resume: {
        loginTokens: [
          { when, hashedToken: createHash('sha256').update(generatedToken(index)).digest('base64') },
        ],
      },
    },
    username: `user${index}`,
    emails: [{ address: `user${index}@bench.example`, verified: true }],
    type: 'user',
    status: 'offline',
    active: true,
    roles: ['user'],
    name: `User ${index}`,
    importIds: [`bench-${index}`],
    customFields: { team: `team-${index % 50}` },
    _updatedAt: when,
  };
}

function room(index: number): object {
  return {
    _id: `bench-room-${index}`,
    t: 'c',
    name: `room-${index}`,
    ts: new Date(EPOCH),
    msgs: index,
    usersCount: 0,
  };
}

function subscription(userIndex: number, roomIndex: number, position: number): object {
  return {
    _id: `bench-sub-${userIndex}-${roomIndex}`,
    rid: `bench-room-${roomIndex}`,
    t: 'c',
    name: `room-${roomIndex}`,
    u: { _id: generatedUserId(userIndex), username: `user${userIndex}` },
    open: true,
    unread: position,
    ...(position === 0 ? { roles: ['owner'] } : {}),
    ts: new Date(EPOCH + userIndex),
  };
}

/** One file, written in chunks with back-pressure so memory stays flat for any size. */
class CollectionWriter {
  private readonly stream;
  private buffer: string[] = [];
  private first = true;

  constructor(
    path: string,
    private readonly plan: ExportPlan,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }

  async writeAll(documents: object[]): Promise<void> {
    for (const document of documents) await this.write(document);
    await this.end();
  }

  async write(document: object): Promise<void> {
    this.buffer.push(EJSON.stringify(document, { relaxed: this.plan.canonical !== true }));
    if (this.buffer.length >= CHUNK) await this.flush(false);
  }

  async end(): Promise<void> {
    await this.flush(true);
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private async flush(last: boolean): Promise<void> {
    const separator = this.plan.jsonArray ? ',\n' : '\n';
    let text = this.buffer.join(separator);
    this.buffer = [];
    if (this.plan.jsonArray) {
      text = (this.first ? '[' : text === '' ? '' : ',\n') + text + (last ? ']\n' : '');
    } else if (text !== '') text += '\n';
    this.first = false;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
}
