import { LiveInstance, Sighting } from './live-instance';

interface Entry {
  sighting: Sighting;
  seenAt: number;
}

/** Two containers may both run `billing` as pid 1: an instance is its id on its host. */
const keyOf = (sighting: Pick<Sighting, 'host' | 'id'>): string => `${sighting.host}/${sighting.id}`;

/**
 * The instances heard from recently: each sighting renews one, one not renewed for `expiryMs` is
 * forgotten, a goodbye forgets one at once. At most `capacity` are kept: a stranger on the bus
 * inventing instance ids fills the table, never the memory, and only until its inventions expire.
 */
export class LiveInstances {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly expiryMs: number,
    private readonly capacity: number,
  ) {}

  /** Renews (or adds) an instance; false when it is new and the table is full of live ones. */
  saw(sighting: Sighting, now: number): boolean {
    const key = keyOf(sighting);
    if (!this.entries.has(key)) {
      this.forgetExpired(now);
      if (this.entries.size >= this.capacity) return false;
    }
    this.entries.set(key, { sighting, seenAt: now });
    return true;
  }

  left(instance: Pick<Sighting, 'host' | 'id'>): void {
    this.entries.delete(keyOf(instance));
  }

  /** The instances heard from within `expiryMs` of `now`, in the order they were first seen. */
  live(now: number): LiveInstance[] {
    this.forgetExpired(now);
    return [...this.entries.values()].map(({ sighting, seenAt }) => ({ ...sighting, lastSeen: new Date(seenAt).toISOString() }));
  }

  get size(): number {
    return this.entries.size;
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.seenAt > this.expiryMs) this.entries.delete(key);
  }
}
