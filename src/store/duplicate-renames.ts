// The renames a uniqueness migration makes first: every later holder of a duplicate name gets `name-2`, `-3`, ….

/** One row holding a name: `scope` (a user for PAT names, '' for usernames) and the name as stored. */
export interface NamedRow {
  id: string;
  scope: string;
  name: string;
}

export interface Rename {
  id: string;
  scope: string;
  from: string;
  to: string;
  /** The name the row collided with (the first holder's). */
  keptBy: string;
}

/**
 * `rows` in the order that decides who keeps a name (oldest first); `fold` is the comparison the new unique
 * index makes (identity, or lower-casing for usernames). The first row of each (scope, folded name) keeps
 * its name; each later one takes the first free `<name>-<n>`, n = 2, 3, …, free among all rows and earlier
 * renames. Deterministic for a given order.
 */
export function planDuplicateRenames(rows: readonly NamedRow[], fold: (name: string) => string): Rename[] {
  const key = (scope: string, name: string) => `${scope}\u0001${fold(name)}`;
  const taken = new Set(rows.map((row) => key(row.scope, row.name)));
  const firstHolder = new Map<string, string>();
  const renames: Rename[] = [];
  for (const row of rows) {
    const own = key(row.scope, row.name);
    const holder = firstHolder.get(own);
    if (holder === undefined) {
      firstHolder.set(own, row.name);
      continue;
    }
    let n = 2;
    while (taken.has(key(row.scope, `${row.name}-${n}`))) n++;
    const to = `${row.name}-${n}`;
    taken.add(key(row.scope, to));
    renames.push({ id: row.id, scope: row.scope, from: row.name, to, keptBy: holder });
  }
  return renames;
}

/** The report line of one rename, for the operator's log. */
export function describeRename(kind: 'username' | 'personal access token', rename: Rename): string {
  return kind === 'username'
    ? `renamed user ${rename.id} from '${rename.from}' to '${rename.to}' (same name ignoring case as '${rename.keptBy}')`
    : `renamed personal access token '${rename.from}' of user ${rename.scope} to '${rename.to}' (duplicate name)`;
}
