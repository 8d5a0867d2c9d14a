// Role → permission resolution over a live copy of the permissions collection.
import { LiveSnapshot } from '../live-snapshot.js';
import type { Store } from '../store.js';
import { DEFAULT_PERMISSION_ROLES, type PermissionId } from '../setup/defaults.js';

/** Who holds each permission, and which permission ids the database itself stores. */
export interface PermissionTable {
  holders: ReadonlyMap<string, ReadonlySet<string>>;
  stored: ReadonlySet<string>;
}

export class Permissions {
  private readonly snapshot: LiveSnapshot<PermissionTable>;

  constructor(store: Store) {
    this.snapshot = new LiveSnapshot(store, ['permissions'], async () => {
      // A database written by an earlier Roster lacks permissions added since (defaults were written once):
      // such a permission is held by its default roles, as Rocket.Chat's start-up upsert would have granted it.
      const holders = new Map<string, Set<string>>(
        Object.entries(DEFAULT_PERMISSION_ROLES).map(([id, roles]) => [id, new Set(roles)]),
      );
      const stored = new Set<string>();
      for (const permission of await store.permissions.list()) {
        holders.set(permission._id, new Set(Array.isArray(permission.roles) ? permission.roles : []));
        stored.add(permission._id);
      }
      return { holders, stored };
    });
  }

  /** True when any of `roles` (global roles, plus room roles where the action is room-scoped) holds it. */
  async has(roles: readonly string[] | undefined, permission: PermissionId): Promise<boolean> {
    const table = this.snapshot.peek() ?? (await this.snapshot.get());
    const holders = table.holders.get(permission);
    if (!holders || !roles) return false;
    return roles.some((role) => holders.has(role));
  }

  /** `has` answered from memory, or undefined while the table is not loaded (then call `has`). */
  hasNow(roles: readonly string[] | undefined, permission: PermissionId): boolean | undefined {
    const table = this.snapshot.peek();
    if (!table) return undefined;
    const holders = table.holders.get(permission);
    if (!holders || !roles) return false;
    return roles.some((role) => holders.has(role));
  }

  async exists(permission: string): Promise<boolean> {
    const table = this.snapshot.peek() ?? (await this.snapshot.get());
    return table.stored.has(permission);
  }

  cacheStats(): { hits: number; loads: number } {
    return this.snapshot.stats;
  }

  close(): void {
    this.snapshot.close();
  }
}
