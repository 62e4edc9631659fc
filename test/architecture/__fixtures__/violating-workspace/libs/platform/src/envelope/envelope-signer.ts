export class EnvelopeSigner {}
