import { databaseUrlVariable, SCHEMA_OWNERS, setUpModuleRoles } from './module-roles';

const USAGE = `Usage: npm run postgres:roles -- <admin-url>

Creates (or brings back in line) one login role per module, each owning only its own schema,
and prints the export lines to paste into the shell that starts Archipelago. <admin-url> is a
superuser's URL, e.g. postgres://postgres@127.0.0.1:5432/archipelago. A role gets a new random
password on every run, unless <MODULE>_DATABASE_PASSWORD is set (e.g. BILLING_DATABASE_PASSWORD).`;

/** `'…'` for a POSIX shell, whatever the text holds. */
const shellQuoted = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Passwords the user chose, from `<MODULE>_DATABASE_PASSWORD`. */
function chosenPasswords(env: NodeJS.ProcessEnv): Record<string, string> {
  const chosen = SCHEMA_OWNERS.map((module) => [module, env[databaseUrlVariable(module).replace('_URL', '_PASSWORD')]]);
  return Object.fromEntries(chosen.filter((entry): entry is [string, string] => Boolean(entry[1])));
}

async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [adminUrl] = args;
  if (args.length !== 1 || !/^postgres(ql)?:\/\//.test(adminUrl)) {
    console.error(USAGE);
    return 2;
  }
  const urls = await setUpModuleRoles(adminUrl, { passwords: chosenPasswords(env) });
  // The exports alone on stdout, so `eval "$(npm run -s postgres:roles -- <url>)"` works too.
  console.error('# One role per module, each reaching only its own schema (ADR 0031). Paste into the shell that runs npm start:');
  for (const [variable, url] of Object.entries(urls)) console.log(`export ${variable}=${shellQuoted(url)}`);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    console.error(`postgres:roles failed: ${error.message}`);
    process.exitCode = 1;
  },
);
