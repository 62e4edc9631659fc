import { Provider } from '@nestjs/common';
import { PaymentProvider } from './payment-provider.port';
import { SimulatedPaymentProvider } from './simulated-payment.provider';

/** The adapters this build knows, by the name `PAYMENT_PROVIDER` gives. */
const ADAPTERS: Record<string, new () => PaymentProvider> = {
  simulated: SimulatedPaymentProvider,
};

export function paymentProviderFor(name = process.env.PAYMENT_PROVIDER || 'simulated'): PaymentProvider {
  const Adapter = ADAPTERS[name];
  if (!Adapter) throw new Error(`PAYMENT_PROVIDER="${name}" is not a known payment adapter (known: ${Object.keys(ADAPTERS).join(', ')})`);
  return new Adapter();
}

export const paymentProvider: Provider = { provide: PaymentProvider, useFactory: () => paymentProviderFor() };
