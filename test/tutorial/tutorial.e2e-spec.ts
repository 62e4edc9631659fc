import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isListening } from '../../scripts/archipelago/broker';
import { ConsoleBlock, consoleBlocks } from './console-blocks';
import { copyRepository, removeCopy } from './repository-copy';
import { CommandTiming, runConsoleBlocks } from './run-console-blocks';
import { ShellSession } from './shell-session';

const ROOT = join(__dirname, '..', '..');
/** The ports the documents' topologies use as shipped: the gateway, TCP listeners, nats-server, up's PostgreSQL. */
const DOCUMENTED_PORTS = [3000, 3001, 4000, 4002, 4222, 15432];
const COMMAND_TIMEOUT_MS = 240_000;
/** A reader's terminal: none of the test runner's settings (NODE_ENV=test, TEST_PORT_OFFSET, …). */
const READER_ENV = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TERM: 'dumb' };

const read = (file: string) => consoleBlocks(file, readFileSync(join(ROOT, file), 'utf8'));

/** The chapters in the order the tutorial's index links them. */
function tutorialChapters(): string[] {
  const index = readFileSync(join(ROOT, 'docs', 'tutorial', 'README.md'), 'utf8');
  return [...index.matchAll(/\]\((\d+-[a-z0-9-]+\.md)\)/g)].map((link) => `docs/tutorial/${link[1]}`);
}

/** Runs the blocks in a fresh copy of the repository, in one shell, and stops what they left running. */
async function runInFreshCopy(blocks: ConsoleBlock[]): Promise<CommandTiming[]> {
  const copy = copyRepository(ROOT);
  const shell = new ShellSession(copy, READER_ENV);
  try {
    return await runConsoleBlocks(blocks, shell, COMMAND_TIMEOUT_MS);
  } finally {
    shell.close();
    removeCopy(copy, READER_ENV);
  }
}

/**
 * The README's quick start and docs/tutorial, run exactly as printed (docs/tutorial/README.md
 * says how a ```console block is written). They use the shipped topologies' ports, which no
 * other spec binds (those take 21000 and up).
 */
describe('the documents a newcomer follows, run as printed', () => {
  beforeAll(async () => {
    const taken: number[] = [];
    for (const port of DOCUMENTED_PORTS) if (await isListening('127.0.0.1', port)) taken.push(port);
    if (taken.length > 0)
      throw new Error(
        `the README and the tutorial use 127.0.0.1:${taken.join(', ')}, and something listens there: stop it, then run this spec again`,
      );
  });

  it('README.md: the quick start prints what it shows', async () => {
    expect((await runInFreshCopy(read('README.md'))).length).toBeGreaterThanOrEqual(6);
  }, 600_000);

  it('docs/tutorial: start as a monolith, move billing out, then onto NATS with two replicas', async () => {
    const chapters = tutorialChapters();
    expect(chapters.length).toBe(3);
    expect((await runInFreshCopy(chapters.flatMap(read))).length).toBeGreaterThanOrEqual(15);
  }, 600_000);

  it('every block that is not run names a spec that verifies it, or a document whose run runs the same commands and checks the same lines', () => {
    const skipped = ['README.md', ...tutorialChapters()].flatMap(read).filter((block) => block.notRun);
    expect(skipped.length).toBeGreaterThan(0);
    for (const block of skipped) {
      const pointer = /[\w./-]+\.(spec\.ts|md)\b/.exec(block.notRun!)?.[0];
      if (!pointer || !existsSync(join(ROOT, pointer)))
        throw new Error(`${block.file} (${block.heading}): "${block.notRun}" names no file that exists`);
      if (!pointer.endsWith('.md')) continue;
      const runThere = read(pointer).flatMap((b) => (b.notRun ? [] : b.commands));
      for (const { command, expected } of block.commands)
        expect(runThere.find((c) => c.command === command)).toEqual(expect.objectContaining({ command, expected }));
    }
  });
});
