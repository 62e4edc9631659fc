/** What a template produces: a plain-text email, ready to store and send. */
export interface RenderedMessage {
  subject: string;
  body: string;
}

/** Every message ends the same way. */
export const SIGNATURE = '— Archipelago';
