import { planTopology } from '../topology-plan';

/** The admin's token: `ADMIN_TOKEN`, or a login with `ADMIN_EMAIL` / `ADMIN_PASSWORD`. */
async function adminToken(baseUrl: string): Promise<string> {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = process.env;
  if (!email || !password) throw new Error('set ADMIN_TOKEN, or ADMIN_EMAIL and ADMIN_PASSWORD of the admin the system was started with');
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { accessToken?: string; code?: string; message?: string };
  if (!body.accessToken) throw new Error(`could not log in as ${email}: ${response.status} ${body.code}: ${body.message}`);
  return body.accessToken;
}

/** The gateway of the topology: its first process that serves HTTP, or `--url`. */
async function gatewayUrl(flags: Map<string, string>): Promise<string> {
  const url = flags.get('--url');
  if (url) return url.replace(/\/$/, '');
  const plan = await planTopology(flags.get('--topology') ?? process.env.TOPOLOGY ?? 'monolith');
  const http = plan.processes.find((p) => p.http)?.http;
  if (!http) throw new Error(`topology "${plan.topology}" has no process serving HTTP: give --url`);
  return http;
}

/**
 * `call <pattern> [json] [--topology t | --url u]`: one message through the real envelope and
 * pipeline, sent by the gateway for the admin (`POST /calls/<pattern>`, development only).
 */
export async function call(pattern: string, json: string | undefined, flags: Map<string, string>): Promise<number> {
  let payload: unknown;
  try {
    payload = JSON.parse(json ?? '{}');
  } catch (error) {
    console.error(`the payload is not JSON: ${(error as Error).message}`);
    return 2;
  }
  const baseUrl = await gatewayUrl(flags);
  const response = await fetch(`${baseUrl}/calls/${encodeURIComponent(pattern)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken(baseUrl)}` },
    body: JSON.stringify(payload),
  });
  const body = (await response.json()) as { result?: unknown; statusCode?: number; code?: string; message?: string; fields?: unknown };
  if (!response.ok) {
    console.error(`${response.status} ${body.code}: ${body.message}${body.fields ? `\n${JSON.stringify(body.fields, null, 2)}` : ''}`);
    return 1;
  }
  console.log(JSON.stringify(body.result, null, 2));
  return 0;
}
