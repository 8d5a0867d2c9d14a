// Rocket.Chat-style random ids (Meteor's Random.id: 17 characters of an unambiguous alphabet) and secrets.
import { randomBytes, randomInt } from 'node:crypto';

const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i++) id += UNMISTAKABLE[randomInt(UNMISTAKABLE.length)];
  return id;
}

/** A raw login token: 43 url-safe characters (256 bits), the same strength as Meteor's Random.secret(). */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
