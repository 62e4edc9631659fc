import { Endpoint } from '../../config/topology';
import { CorkedJsonSocket } from './corked-json-socket';

export { TCP_MAX_BUFFER_BYTES } from './corked-json-socket';

/** The options Nest's ClientTCP and ServerTCP both take for one of the topology's endpoints. */
export function tcpOptions(endpoint: Endpoint) {
  return { host: endpoint.host, port: endpoint.port, socketClass: CorkedJsonSocket };
}
