// The entity tag of a users.info answer: a digest of the exact bytes sent, so it is per caller's view by nature.
import { createHash } from 'node:crypto';

/**
 * A strong tag (RFC 9110 §8.8.1): two answers share it only when their bytes are identical, so callers who see
 * different fields never share one, and a change to a field a caller cannot see never changes the caller's tag.
 * SHA-256 truncated to 128 bits (base64url): collisions are out of reach even for a user crafting their own
 * profile. Strong, not weak: the tag names these exact bytes (Roster applies no content coding).
 */
export function entityTagOf(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 22)}"`;
}
