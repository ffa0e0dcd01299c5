/** Whose an entry is: a client's id, or `SHARED` for what is the same for every client. */
export const SHARED = "*";

interface Entry {
  /** The load, shared by every reader that arrives while it runs. */
  value: Promise<unknown>;
  expiresAt: number;
  /** The client the entry belongs to; unknown for a credential until its load has answered. */
  owner: string | undefined;
}

/**
 * Answers read again and again within a moment (a burst of sends) from memory for `ttlMs`, instead
 * of one round trip each. Every entry belongs to one client (its id is part of the key and its
 * owner), so one client's entry never answers another's read. `forget(client)` drops the client's
 * entries at once, a load still running among them (it may have read the old row): the next read
 * loads anew. Values are shared between readers: never change one.
 */
export class BriefCache {
  private readonly entries = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The client's value under `key`, loaded when missing or older than `ttlMs`. A value `keep`
   * refuses (by default `undefined`: not found) is answered but not kept, so what appears is seen
   * at once.
   */
  read<T>(
    owner: string,
    key: readonly string[],
    load: () => Promise<T>,
    keep: (value: T) => boolean = (value) => value !== undefined,
  ): Promise<T> {
    return this.through(JSON.stringify([owner, ...key]), owner, load, keep, () => owner);
  }

  /**
   * A value found by a credential (an API key's hash) before its client is known: `ownerOf` names
   * the client once loaded, so `forget` of that client drops it too. Nothing is kept for `null`.
   */
  readCredential<T>(
    key: string,
    load: () => Promise<T | null>,
    ownerOf: (value: T) => string,
  ): Promise<T | null> {
    return this.through(
      JSON.stringify(["credential", key]),
      undefined,
      load,
      (value) => value !== null,
      (value) => ownerOf(value as T),
    );
  }

  /** Drops every entry of this client (and every credential still loading) at once. */
  forget(owner: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.owner === owner || entry.owner === undefined) this.entries.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private through<T>(
    key: string,
    owner: string | undefined,
    load: () => Promise<T>,
    keep: (value: T) => boolean,
    ownerOf: (value: T) => string,
  ): Promise<T> {
    const now = this.now();
    this.sweep(now);
    const found = this.entries.get(key);
    if (found && found.expiresAt > now) return found.value as Promise<T>;
    const entry: Entry = { value: load(), expiresAt: now + this.ttlMs, owner };
    this.entries.set(key, entry);
    const drop = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then(
      (value) => {
        if (!keep(value as T)) drop();
        else entry.owner = ownerOf(value as T);
      },
      drop, // the caller gets the error; the next read tries again
    );
    return entry.value as Promise<T>;
  }

  /** At most once per `ttlMs`, drops what has expired, so idle clients' entries do not pile up. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.ttlMs;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
