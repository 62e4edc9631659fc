import { CallerName } from '@app/contracts';
import { createPublicKey, generateKeyPairSync, KeyObject, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pemOf, privateKeyFile, publicKeyFile, readKeyFile } from './key-files';
import { keyIdOf } from './module-key';

const newPrivateKey = (): KeyObject => generateKeyPairSync('x25519').privateKey;

/** Writes `text` to `path` only if nothing is there: a temporary file, then `link` (fails with EEXIST). */
function writeNew(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode, flag: 'wx' });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${path} exists: a key is never overwritten`);
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** Replaces `path` at once: a temporary file, then `rename`. */
function replace(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, text, { mode, flag: 'wx' });
  renameSync(temporary, path);
}

/** A new key pair for each caller in `dir`: `<caller>.key` (0600) and `<caller>.pub`. Refuses to overwrite. */
export function writeKeyPairs(dir: string, callers: readonly CallerName[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const caller of callers) {
    const privateKey = newPrivateKey();
    writeNew(privateKeyFile(dir, caller), pemOf([privateKey]), 0o600);
    writeNew(publicKeyFile(dir, caller), pemOf([createPublicKey(privateKey)]), 0o644);
  }
}

/**
 * Development only: when `dir` holds no key yet, writes a whole set — every caller at once — aside
 * and renames it to `dir`. Of processes starting together, one rename wins; the others use the
 * winner's set. True if this call wrote it.
 */
export function generateKeySetOnce(dir: string, callers: readonly CallerName[]): boolean {
  if (existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.key') || name.endsWith('.pub'))) return false;
  return publishKeySet(writeKeySetAside(dir, callers), dir);
}

/** A complete key set in a directory of its own next to `dir`, not yet visible as `dir`. */
export function writeKeySetAside(dir: string, callers: readonly CallerName[]): string {
  mkdirSync(dirname(dir), { recursive: true });
  const aside = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeKeyPairs(aside, callers);
  return aside;
}

/**
 * Makes a set written aside the set at `dir` in one step (a directory rename), unless another set
 * got there first: then the rename fails with ENOTEMPTY/EEXIST, this one is deleted, and false.
 */
export function publishKeySet(aside: string, dir: string): boolean {
  try {
    renameSync(aside, dir);
    return true;
  } catch (error) {
    rmSync(aside, { recursive: true, force: true });
    if (['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

/**
 * Step 1 of a rotation (ADR 0022): a new key pair for `caller`, listed second in its `.key` and
 * `.pub`, so peers accept it while the first key stays the one in use. Returns the new key's id.
 */
export function addRotationKey(dir: string, caller: CallerName): string {
  const [current, ...others] = readKeyFile(privateKeyFile(dir, caller), 'private');
  if (others.length > 0) throw new Error(`${privateKeyFile(dir, caller)} already holds two keys: finish that rotation first`);
  const added = newPrivateKey();
  replace(privateKeyFile(dir, caller), pemOf([current.key, added]), 0o600);
  replace(publicKeyFile(dir, caller), pemOf([createPublicKey(current.key), createPublicKey(added)]), 0o644);
  return keyIdOf(added);
}
