import { jsonTextNestsDeeperThan } from '@app/platform';
import { BadRequestException } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

/**
 * Fastify's JSON body parser (prototype-poisoning checks included) behind a depth check of the
 * raw text: one loop over the characters, so a body nesting deeper than `maxDepth` gets 400
 * `PAYLOAD_TOO_DEEP` before anything recursive (JSON.parse's callers, class-transformer,
 * class-validator, the HMAC's JSON, the audit's canonical JSON) ever sees it (ADR 0020).
 */
export function registerJsonDepthParser(fastify: FastifyInstance, maxDepth: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTextNestsDeeperThan(body as string, maxDepth)) {
      done(payloadTooDeep(maxDepth), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
}

export function payloadTooDeep(maxDepth: number): BadRequestException {
  return new BadRequestException({
    code: 'PAYLOAD_TOO_DEEP',
    message: `the body nests objects and arrays deeper than ${maxDepth} levels (MAX_PAYLOAD_DEPTH)`,
  });
}
