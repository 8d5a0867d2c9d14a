// First start: Rocket.Chat's roles, default permissions, known settings and one admin user, written once; the
// GENERAL channel, ensured at every start.
import { defaultPermissions, defaultRoles, defaultSettings } from './defaults.js';
import { randomSecret } from '../ids.js';
import { newUserDocument } from '../users/user-document.js';
import { hashPassword } from '../auth/passwords.js';
import type { Store } from '../store.js';
import { ensureGeneralChannel } from '../rooms/default-channels.js';

export interface AdminAccount {
  username: string;
  email: string;
  /** Undefined: generate a strong random password and report it once. */
  password?: string;
}

export type BootstrapResult =
  { created: false } | { created: true; username: string; userId: string; generatedPassword?: string };

/** Initialises an empty database; does nothing (and changes nothing) when it was initialised before. */
export async function bootstrap(
  store: Store,
  admin: AdminAccount,
  now = new Date(),
): Promise<BootstrapResult> {
  // The usual case, a restart: skip the bcrypt work below (a database from an earlier Roster gets GENERAL here).
  if (await store.isInitialized()) {
    await ensureGeneralChannel(store, now);
    return { created: false };
  }
  const password = admin.password ?? randomSecret();
  const adminUser = newUserDocument(
    {
      username: admin.username,
      email: admin.email,
      name: 'Administrator',
      passwordHash: await hashPassword(password),
      roles: ['admin', 'user'],
      verified: true,
    },
    now,
  );
  const created = await store.initialize({
    roles: defaultRoles(),
    permissions: defaultPermissions(),
    settings: defaultSettings(),
    admin: adminUser,
  });
  await ensureGeneralChannel(store, now);
  if (!created) return { created: false };
  return {
    created: true,
    username: admin.username,
    userId: adminUser._id,
    ...(admin.password === undefined ? { generatedPassword: password } : {}),
  };
}
