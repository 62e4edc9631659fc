/** One command of a ```console block: what follows `$ `, and the lines it should print. */
export interface ConsoleCommand {
  command: string;
  expected: string[];
  /** 1-based line of the `$ ` in the markdown file. */
  line: number;
}

/** A ```console block, the heading it is under, and why it is not run when its first line says `# not run: …`. */
export interface ConsoleBlock {
  file: string;
  heading: string;
  commands: ConsoleCommand[];
  notRun?: string;
}

const FENCE = /^```(\S*)\s*$/;
const NOT_RUN = /^# not run: (.+)$/;

/**
 * The ```console blocks of a markdown file, in order. In a block, `$ ` starts a command (a line
 * ending in `\` continues it on the next line), the lines after it up to the next `$ ` are what it
 * prints, and a first line `# not run: <why>; <file that runs or verifies it>` leaves the block
 * out of the run. Other fences (```bash, ```json) are never run.
 */
export function consoleBlocks(file: string, markdown: string): ConsoleBlock[] {
  const lines = markdown.split('\n');
  const blocks: ConsoleBlock[] = [];
  let heading = '(before the first heading)';
  for (let i = 0; i < lines.length; i++) {
    if (/^#{1,6} /.test(lines[i])) heading = lines[i].replace(/^#+ /, '');
    if (FENCE.exec(lines[i])?.[1] !== 'console') continue;
    const start = i + 1;
    do i++;
    while (i < lines.length && !FENCE.test(lines[i]));
    blocks.push({ file, heading, ...parseBlock(lines.slice(start, i), start + 1) });
  }
  return blocks;
}

function parseBlock(body: string[], firstLine: number): Pick<ConsoleBlock, 'commands' | 'notRun'> {
  const notRun = NOT_RUN.exec(body[0] ?? '')?.[1];
  const commands: ConsoleCommand[] = [];
  for (let i = notRun ? 1 : 0; i < body.length; i++) {
    if (!body[i].startsWith('$ ')) {
      if (commands.length === 0) throw new Error(`line ${firstLine + i}: a console block starts with "$ " or "# not run: …"`);
      commands[commands.length - 1].expected.push(body[i]);
      continue;
    }
    const command: ConsoleCommand = { command: body[i].slice(2), expected: [], line: firstLine + i };
    while (command.command.endsWith('\\') && i + 1 < body.length) command.command += '\n' + body[++i];
    commands.push(command);
  }
  return { commands, notRun };
}
