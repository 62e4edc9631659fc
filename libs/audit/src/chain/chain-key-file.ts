import { ConfigurationError } from '@app/platform';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** The environment variable that names the key file, for messages. */
export const CHAIN_KEY_VARIABLE = 'AUDIT_CHAIN_KEY_FILE';

const HEX_KEY = /^(?:[0-9a-f]{2}){32,}$/i;

/** Reads a key file: at least 64 hex characters (32 bytes), surrounding whitespace ignored. */
export function readChainKeyFile(path: string): Buffer {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw keyProblem(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const hex = text.trim();
  if (!HEX_KEY.test(hex)) throw keyProblem(`${path} must hold at least 64 hex characters (32 bytes): openssl rand -hex 32 > ${path}`);
  return Buffer.from(hex, 'hex');
}

/**
 * Development only: writes a fresh random key to `path` unless a file is there. Atomic between
 * processes: the key goes to a temporary file of this process (written and fsynced), which is
 * then hard-linked to `path`; `EEXIST` means another process won the race, and its key is used.
 * Returns whether this process created it.
 */
export function createChainKeyFileIfMissing(path: string): boolean {
  if (existsSync(path)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function keyProblem(problem: string): ConfigurationError {
  return new ConfigurationError('audit environment', [`${CHAIN_KEY_VARIABLE}: ${problem}`]);
}
