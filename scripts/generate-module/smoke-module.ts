import { ADMIN, SystemUnderTest } from '../../test/support/system-under-test';

const USAGE =
  'usage: ts-node -r tsconfig-paths/register scripts/generate-module/smoke-module.ts <module> <topology> <port base> (after npm run build)';

interface CallReply<T> {
  status: number;
  result: T;
}

/**
 * The generated module in a running system: the built program started with `topology`, its
 * command and query sent through the gateway's `POST /calls` as the admin, and its event seen by
 * the audit module. Prints one JSON line; exits non-zero on the first thing that does not hold.
 */
async function smoke(module: string, topology: string, portBase: number): Promise<object> {
  const system = new SystemUnderTest(topology, portBase);
  try {
    await system.start();
    const login = await system.http<{ accessToken: string }>('POST', '/auth/login', { body: ADMIN });
    const call = async <T>(pattern: string, body: object): Promise<CallReply<T>> => {
      const reply = await system.http<{ result: T }>('POST', `/calls/${pattern}`, { body, token: login.body.accessToken });
      if (reply.status !== 200) throw new Error(`POST /calls/${pattern} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return { status: reply.status, result: reply.body.result };
    };
    const created = await call<{ id: string }>(`${module}.item.create.v1`, { title: `made in ${topology}` });
    const listed = await call<{ items: { id: string }[] }>(`${module}.item.list.v1`, {});
    if (!listed.result.items.some((item) => item.id === created.result.id))
      throw new Error(`${module}.item.list.v1 does not list ${created.result.id}`);
    const audited = await waitFor(async () => {
      const page = await call<{ entries: { action: string }[] }>('audit.entries.search.v1', { module });
      return page.result.entries.map((entry) => entry.action).filter((action) => action === `${module}.item.created.v1`).length > 0;
    });
    return {
      topology,
      processes: system.processNames(),
      transport: system.transportOf(module),
      created: created.result.id,
      audited,
    };
  } finally {
    await system.stop();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<true> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return true;
}

const [moduleName, topologyName, portBase] = process.argv.slice(2);
if (!moduleName || !topologyName || !Number(portBase)) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  smoke(moduleName, topologyName, Number(portBase)).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
