/** An SMTP server, as read from `SMTP_URL`. */
export interface SmtpSettings {
  host: string;
  /** Undefined: nodemailer's default (587 for smtp://, 465 for smtps://). */
  port?: number;
  /** smtps:// — TLS from the first byte. smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  /** `?ignoreTLS=true`: never upgrade with STARTTLS, even if offered. */
  ignoreTLS: boolean;
  user?: string;
  password?: string;
}

const OPTIONS = ['ignoreTLS'];

/** `smtp[s]://[user:password@]host[:port][?ignoreTLS=true]`; problems are pushed, not thrown. */
export function parseSmtpUrl(raw: string, problems: string[]): SmtpSettings | undefined {
  if (!/^smtps?:\/\//i.test(raw)) {
    problems.push(`SMTP_URL must start with smtp:// or smtps:// (got "${raw.replace(/\/\/[^@/]*@/, '//***@')}")`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('SMTP_URL is not a valid URL');
    return undefined;
  }
  const unknown = [...url.searchParams.keys()].filter((key) => !OPTIONS.includes(key));
  if (unknown.length > 0) problems.push(`SMTP_URL has unknown options (${unknown.join(', ')}); only ignoreTLS=true|false is understood`);
  const ignoreTLS = url.searchParams.get('ignoreTLS') ?? 'false';
  if (!['true', 'false'].includes(ignoreTLS)) problems.push(`SMTP_URL option ignoreTLS must be true or false (got "${ignoreTLS}")`);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol.toLowerCase() === 'smtps:',
    ignoreTLS: ignoreTLS === 'true',
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}
