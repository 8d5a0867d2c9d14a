// Names for read statements, so each pooled connection parses and plans a query once instead of per call.

/**
 * Roster's reads are a fixed set of texts, except a few built from filters (users.list): those also get names
 * until `capacity` texts are named, after which new texts run unnamed, so no connection prepares without bound.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.capacity) return known;
    const name = `roster_read_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}
