import { ClientOptions, Transport } from '@nestjs/microservices';
import { Endpoint } from '../../config/topology';

/** Largest message a TCP peer may send us before the socket is dropped (see JsonSocket). */
export const TCP_MAX_BUFFER_BYTES = 1024 * 1024;

export function tcpClientOptions(endpoint: Endpoint): ClientOptions {
  return {
    transport: Transport.TCP,
    options: { host: endpoint.host, port: endpoint.port, maxBufferSize: TCP_MAX_BUFFER_BYTES },
  };
}

export function tcpServerOptions(endpoint: Endpoint) {
  return {
    transport: Transport.TCP,
    options: { host: endpoint.host, port: endpoint.port, maxBufferSize: TCP_MAX_BUFFER_BYTES },
  } as const;
}
