import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** What one command printed (stdout and stderr, interleaved as on a terminal) and its exit code. */
export interface CommandResult {
  code: number;
  output: string;
}

/**
 * One bash, like the terminal a reader types into: variables, the working directory and
 * exported settings carry from one command to the next. Each command reads nothing from stdin;
 * a line with a marker and `$?` after it tells where its output ends.
 */
export class ShellSession {
  private readonly bash: ChildProcessWithoutNullStreams;
  private buffer = '';
  private count = 0;

  constructor(cwd: string, env: NodeJS.ProcessEnv) {
    this.bash = spawn('bash', ['--noprofile', '--norc'], { cwd, env });
    this.bash.stdout.on('data', (chunk: Buffer) => (this.buffer += chunk.toString()));
    this.bash.stdin.write('exec 2>&1\n');
  }

  async run(command: string, timeoutMs: number): Promise<CommandResult> {
    const marker = `__command_${++this.count}_ended_with__`;
    this.buffer = '';
    this.bash.stdin.write(`{\n${command}\n} </dev/null\nprintf '\\n${marker} %d\\n' $?\n`);
    const ended = new RegExp(`\\n${marker} (\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = ended.exec(this.buffer);
      if (found) return { code: Number(found[1]), output: this.buffer.slice(0, found.index) };
      if (this.bash.exitCode !== null) return { code: this.bash.exitCode, output: `${this.buffer}\n(the shell exited)` };
      if (Date.now() > deadline) return { code: -1, output: `${this.buffer}\n(still running after ${timeoutMs / 1000} s)` };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.bash.kill('SIGKILL');
  }
}
