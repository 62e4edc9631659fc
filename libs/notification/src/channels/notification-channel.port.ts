export type NotificationChannelName = 'smtp' | 'stored';

/** One message to one address, as every channel takes it. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Where rendered notifications go. Configuration picks one per process (see notification.config.ts).
 * `send` resolves once the message is handed over, and rejects with the reason otherwise.
 */
export abstract class NotificationChannel {
  abstract readonly name: NotificationChannelName;
  abstract send(message: OutgoingMessage): Promise<void>;
}
