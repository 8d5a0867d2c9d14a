// Builds a new user document in the shape Rocket.Chat's users collection gives it.
import type { Json, UserDoc } from '../documents.js';
import { randomId } from '../ids.js';

export interface NewUserInput {
  username: string;
  email: string;
  name: string;
  passwordHash?: string;
  roles: string[];
  active?: boolean;
  verified?: boolean;
  requirePasswordChange?: boolean;
  customFields?: Record<string, Json>;
  extra?: Record<string, Json>;
  id?: string;
}

export function newUserDocument(input: NewUserInput, now: Date): UserDoc {
  const at = now.toISOString();
  const user: UserDoc = {
    _id: input.id ?? randomId(),
    createdAt: at,
    username: input.username,
    emails: [{ address: input.email, verified: input.verified ?? false }],
    type: 'user',
    status: 'offline',
    active: input.active ?? true,
    roles: input.roles,
    name: input.name,
    requirePasswordChange: input.requirePasswordChange ?? false,
    services: input.passwordHash ? { password: { bcrypt: input.passwordHash } } : {},
    _updatedAt: at,
    ...(input.extra ?? {}),
  };
  if (input.customFields && Object.keys(input.customFields).length > 0)
    user.customFields = input.customFields;
  return user;
}
