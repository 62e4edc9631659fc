import { ConsoleBlock } from './console-blocks';
import { mismatch } from './expected-output';
import { ShellSession } from './shell-session';

/** How long a command took, to see where a run's time goes. */
export interface CommandTiming {
  command: string;
  seconds: number;
}

/**
 * Runs the commands of the blocks in order in one shell, and fails at the first one that exits
 * with another code than 0 or prints something else than its block shows, naming the file, the
 * heading it is under, the line, the command and what it printed. Returns what ran, with timings.
 */
export async function runConsoleBlocks(blocks: ConsoleBlock[], shell: ShellSession, timeoutMs: number): Promise<CommandTiming[]> {
  const ran: CommandTiming[] = [];
  for (const block of blocks.filter((b) => !b.notRun)) {
    for (const { command, expected, line } of block.commands) {
      const started = Date.now();
      const { code, output } = await shell.run(command, timeoutMs);
      const problem = code !== 0 ? `it exited with ${code}` : mismatch(expected, output);
      if (problem)
        throw new Error(
          `${block.file}:${line} (${block.heading})\n$ ${command}\n${problem}.\n` +
            `--- it printed ---\n${output.slice(-6000)}\n--- the block shows ---\n${expected.join('\n')}`,
        );
      ran.push({ command, seconds: (Date.now() - started) / 1000 });
    }
  }
  return ran;
}
