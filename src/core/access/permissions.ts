// Role → permission resolution over a live copy of the permissions collection.
import { LiveSnapshot } from '../live-snapshot.js';
import type { Store } from '../store.js';
import { DEFAULT_PERMISSION_ROLES } from '../setup/defaults.js';

export type PermissionTable = ReadonlyMap<string, ReadonlySet<string>>;

export class Permissions {
  private readonly snapshot: LiveSnapshot<PermissionTable>;

  constructor(store: Store) {
    this.snapshot = new LiveSnapshot(store, ['permissions'], async () => {
      const table = new Map<string, Set<string>>();
      for (const permission of await store.listPermissions()) {
        table.set(permission._id, new Set(Array.isArray(permission.roles) ? permission.roles : []));
      }
      return table;
    });
  }

  /** True when any of `roles` (global roles, plus room roles where the action is room-scoped) holds it. */
  async has(roles: readonly string[] | undefined, permission: string): Promise<boolean> {
    const table = this.snapshot.peek() ?? (await this.snapshot.get());
    // A database written by an earlier Roster lacks permissions added since (defaults were written once):
    // such a permission is held by its default roles, as Rocket.Chat's start-up upsert would have granted it.
    const holders: ReadonlySet<string> | readonly string[] | undefined =
      table.get(permission) ??
      (Object.hasOwn(DEFAULT_PERMISSION_ROLES, permission)
        ? DEFAULT_PERMISSION_ROLES[permission]
        : undefined);
    if (!holders || !roles) return false;
    const held = holders instanceof Set ? holders : new Set(holders as readonly string[]);
    return roles.some((role) => held.has(role));
  }

  async exists(permission: string): Promise<boolean> {
    const table = this.snapshot.peek() ?? (await this.snapshot.get());
    return table.has(permission);
  }

  cacheStats(): { hits: number; loads: number } {
    return this.snapshot.stats;
  }

  close(): void {
    this.snapshot.close();
  }
}
