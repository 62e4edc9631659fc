/**
 * A contract names a message and the class that validates its payload.
 * Callers and handlers both refer to the contract object, never to the pattern string.
 */
export type PayloadClass<T> = new () => T;

/** `<owner>.<noun>.<verb>.v<N>`: lower-case segments, the owner first, a version last. */
export const PATTERN_FORMAT = /^[a-z]+(\.[a-z][a-z-]*)+\.v[1-9][0-9]*$/;

export interface CallContract<TRequest extends object, TResponse> {
  readonly kind: 'command' | 'query';
  readonly pattern: string;
  readonly request: PayloadClass<TRequest>;
  /** Only carries the response type for the compiler; never set at run time. */
  readonly response?: TResponse;
}

export interface EventContract<TPayload extends object> {
  readonly kind: 'event';
  readonly pattern: string;
  readonly payload: PayloadClass<TPayload>;
  /**
   * The payload field whose value orders this event's delivery (ADR 0016): events of one source
   * with the same key reach a subscriber in publication order; without one, the event waits for
   * nothing.
   */
  readonly orderingKey?: string;
}

export interface EventOptions<TPayload extends object> {
  /** The payload field that names the aggregate, e.g. `userId` (ADR 0016). */
  orderingKey?: keyof TPayload & string;
}

function checkedPattern(pattern: string): string {
  if (!PATTERN_FORMAT.test(pattern)) {
    throw new Error(`"${pattern}" is not a versioned pattern like "billing.subscription.create.v1"`);
  }
  return pattern;
}

/**
 * A call whose pattern and request class are known, waiting for its response type:
 * `.returns<Response>()` completes it. (TypeScript cannot infer one type argument and take the
 * other from the caller, so the request type comes from the class and the response from here.)
 */
export interface CallWithoutResponse<TRequest extends object> {
  returns<TResponse>(): CallContract<TRequest, TResponse>;
}

function declareCall<TRequest extends object>(
  kind: CallContract<TRequest, unknown>['kind'],
  pattern: string,
  request: PayloadClass<TRequest>,
): CallWithoutResponse<TRequest> {
  const checked = checkedPattern(pattern);
  return { returns: () => ({ kind, pattern: checked, request }) };
}

/**
 * A call that changes state: it is audited, and its message ID is remembered against replay.
 *
 * @example command('billing.subscription.create.v1', CreateSubscriptionRequest).returns<SubscriptionView>()
 */
export function command<TRequest extends object>(pattern: string, request: PayloadClass<TRequest>): CallWithoutResponse<TRequest> {
  return declareCall('command', pattern, request);
}

/**
 * A call that only reads.
 *
 * @example query('billing.plans.list.v1', ListPlansRequest).returns<PlanList>()
 */
export function query<TRequest extends object>(pattern: string, request: PayloadClass<TRequest>): CallWithoutResponse<TRequest> {
  return declareCall('query', pattern, request);
}

export function defineEvent<TPayload extends object>(
  pattern: string,
  payload: PayloadClass<TPayload>,
  options: EventOptions<TPayload> = {},
): EventContract<TPayload> {
  return { kind: 'event', pattern: checkedPattern(pattern), payload, ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}) };
}

/** The module that owns a pattern: its first segment. */
export function ownerOf(pattern: string): string {
  return pattern.split('.')[0];
}
