import { Socket } from 'node:net';

/**
 * Speaks Nest's TCP framing (`<length>#<json>`) directly, as a hostile peer would: no client
 * library, no envelope unless the test builds one.
 */
export function sendRawTcpPacket(port: number, packet: object, timeoutMs = 5000): Promise<any> {
  return sendRawTcpJson(port, JSON.stringify(packet), timeoutMs);
}

/** The same with the packet's JSON text as given: for nesting JSON.stringify itself could not write. */
export function sendRawTcpJson(port: number, json: string, timeoutMs = 5000): Promise<any> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer on port ${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const hash = buffer.indexOf('#');
      if (hash < 0) return;
      const length = Number(buffer.slice(0, hash));
      const body = buffer.slice(hash + 1);
      if (body.length < length) return;
      clearTimeout(timer);
      socket.end();
      resolve(JSON.parse(body.slice(0, length)));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.connect(port, '127.0.0.1', () => {
      socket.write(`${json.length}#${json}`);
    });
  });
}
