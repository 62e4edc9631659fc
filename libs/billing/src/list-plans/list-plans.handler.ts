import { BillingContract, GATEWAY, ListPlansRequest, PlanList } from '@app/contracts';
import { Handles, MessageBody, ModuleDatabase } from '@app/platform';
import { Controller } from '@nestjs/common';
import { Plan } from '../database/plan.entity';
import { toPlanView } from '../views/billing-views';

@Controller()
export class ListPlansHandler {
  constructor(private readonly db: ModuleDatabase) {}

  /** The price list is public: any actor may read it. */
  @Handles(BillingContract.listPlans, { callers: [GATEWAY] })
  async listPlans(@MessageBody() _request: ListPlansRequest): Promise<PlanList> {
    const plans = await this.db.read((manager) => manager.find(Plan, { order: { amountMinor: 'ASC' } }));
    return { plans: plans.map(toPlanView) };
  }
}
