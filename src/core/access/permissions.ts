// Role → permission resolution over a live copy of the permissions collection.
import { LiveSnapshot } from '../live-snapshot.js';
import type { Store } from '../store.js';

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
    const holders = table.get(permission);
    if (!holders || !roles) return false;
    return roles.some((role) => holders.has(role));
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
