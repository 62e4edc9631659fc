import { CallContract, CallerName } from '@app/contracts';

/** Who may send a handler its message. Nothing is allowed unless listed (deny by default). */
export interface HandlerPolicy {
  callers: readonly CallerName[];
  /** The acting user must hold one of these roles (a user actor is then required). */
  roles?: readonly string[];
}

export interface HandlerMetadata extends HandlerPolicy {
  contract: CallContract<object, unknown>;
}

export const HANDLER_METADATA = 'archipelago:handler';
