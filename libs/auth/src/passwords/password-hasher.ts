import { Injectable, OnModuleInit } from '@nestjs/common';
import { argon2id, hash, needsRehash, verify } from 'argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane (ADR 0007). */
const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes and checks passwords. Hashing runs on libuv's thread pool, not the event loop. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash!: Promise<string>;

  /** Made once at start, so the first unknown-email login costs no more than the others. */
  onModuleInit(): void {
    this.dummyHash = this.hash(randomBytes(16).toString('hex'));
  }

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a malformed stored hash alike. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the time of a real check when there is no account, so timing does not tell. */
  async verifyAgainstDummy(password: string): Promise<void> {
    await this.verify(await this.dummyHash, password);
  }

  /** The stored hash was made with other parameters than today's. */
  isOutdated(passwordHash: string): boolean {
    return needsRehash(passwordHash, ARGON2_OPTIONS);
  }
}
