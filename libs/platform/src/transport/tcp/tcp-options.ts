import { Endpoint } from '../../config/topology';

/** Largest message a TCP peer may send us before the socket is dropped (see JsonSocket). */
export const TCP_MAX_BUFFER_BYTES = 1024 * 1024;

/** The options Nest's ClientTCP and ServerTCP both take for one of the topology's endpoints. */
export function tcpOptions(endpoint: Endpoint) {
  return { host: endpoint.host, port: endpoint.port, maxBufferSize: TCP_MAX_BUFFER_BYTES };
}
