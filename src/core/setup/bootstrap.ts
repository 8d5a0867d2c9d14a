// First start: Rocket.Chat's roles, default permissions, known settings, one admin user and the GENERAL channel;
// later starts add the defaults (and GENERAL) a database from an earlier Roster lacks (converge-defaults.ts).
import { convergeDefaults } from './converge-defaults.js';
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

/** Initialises an empty database; on one initialised before, only adds the default documents it lacks. */
export async function bootstrap(
  store: Store,
  admin: AdminAccount,
  now = new Date(),
): Promise<BootstrapResult> {
  // The usual case, a restart: skip the bcrypt work below.
  if (await store.isInitialized()) {
    await convergeDefaults(store, now);
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
    roles: defaultRoles(now),
    permissions: defaultPermissions(now),
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
