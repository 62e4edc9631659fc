import { RenderedMessage, SIGNATURE } from './rendered-message';

export interface SignupCancelledFacts {
  email: string;
}

/**
 * `auth.registration.cancelled.v1` → "your signup was cancelled", only when something (a welcome)
 * had already reached the user (ADR 0019).
 */
export function renderSignupCancelled({ email }: SignupCancelledFacts): RenderedMessage {
  return {
    subject: 'Your Archipelago signup was cancelled',
    body: [
      'Hello,',
      '',
      `the signup of ${email} could not be completed, so the account was removed. Please ignore our earlier message.`,
      'Any payment taken for it is given back. You are welcome to sign up again with this address.',
      '',
      SIGNATURE,
    ].join('\n'),
  };
}
