import { RenderedMessage, SIGNATURE } from './rendered-message';

export interface WelcomeFacts {
  email: string;
}

/** `auth.user.registered.v1` → the welcome mail. */
export function renderWelcome({ email }: WelcomeFacts): RenderedMessage {
  return {
    subject: 'Welcome to Archipelago',
    body: ['Hello,', '', `your Archipelago account ${email} is ready. Sign in with this address and your password.`, '', SIGNATURE].join(
      '\n',
    ),
  };
}
