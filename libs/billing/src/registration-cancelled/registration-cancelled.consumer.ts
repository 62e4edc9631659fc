import { AuthEvents, RegistrationCancelledEvent } from '@app/contracts';
import { EventConsumer, HandlesEvent, ReceivedEvent } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { Invoice } from '../database/invoice.entity';
import { moveIfStill } from '../domain/invoice-moves';

/**
 * A registration undone (the signup saga's compensation) must keep no money: whatever billing
 * did for that user is claimed for undoing, in the inbox's transaction, without calling the
 * provider. `open` invoices become `abandoned` (a charge still running will not be kept: its
 * handler refunds it, or the sweeper does), `paid` ones `refunding` (the sweeper refunds them
 * under their refund key and ends the subscription). This is what makes a success committed just
 * before the caller gave up — or whose answer never arrived — reconcile to "no charge kept".
 */
@Injectable()
@EventConsumer('billing')
export class RegistrationCancelledConsumer {
  @HandlesEvent(AuthEvents.registrationCancelled)
  async onRegistrationCancelled(event: ReceivedEvent<RegistrationCancelledEvent>): Promise<void> {
    const invoices = await event.manager.findBy(Invoice, { userId: event.payload.userId });
    for (const invoice of invoices) {
      if (invoice.status === 'open') {
        await moveIfStill(event.manager, invoice.id, 'abandoned', { failureReason: 'the registration was cancelled' });
      } else if (invoice.status === 'paid') {
        await moveIfStill(event.manager, invoice.id, 'refunding');
      }
    }
  }
}
