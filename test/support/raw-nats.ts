import { connect } from 'nats';

/**
 * A request straight onto a NATS bus, as any peer on it could send: no kernel, no envelope unless
 * the test builds one. Answers the reply as the kernel writes it, `{ ok }` or `{ error }`.
 */
export async function sendRawNatsRequest(url: string, subject: string, message: object, timeoutMs = 5000): Promise<any> {
  const connection = await connect({ servers: [url] });
  try {
    const reply = await connection.request(subject, Buffer.from(JSON.stringify(message)), { timeout: timeoutMs });
    return JSON.parse(Buffer.from(reply.data).toString('utf8'));
  } finally {
    await connection.close();
  }
}

/** Every message on `subject` from now on, as any peer on the bus could listen, each with when it arrived. */
export async function listenOnNats(
  url: string,
  subject: string,
): Promise<{ heard: Array<{ at: number; body: any }>; close(): Promise<void> }> {
  const connection = await connect({ servers: [url] });
  const heard: Array<{ at: number; body: any }> = [];
  connection.subscribe(subject, {
    callback: (error, message) => {
      if (!error) heard.push({ at: Date.now(), body: JSON.parse(Buffer.from(message.data).toString('utf8')) });
    },
  });
  await connection.flush();
  return { heard, close: () => connection.close() };
}
