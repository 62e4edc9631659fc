import {
  BillingClient,
  CreateSubscriptionRequest,
  InvoiceList,
  InvoiceView,
  ListInvoicesRequest,
  PlanList,
  SubscriptionList,
  SubscriptionView,
} from '@app/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedGuard } from '../http/authenticated.guard';
import { IdempotencyKey } from '../http/idempotency-key.decorator';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Same key + same body within 24 h returns the first result; a different body is refused (422)',
};

@ApiTags('billing')
@Controller('billing')
export class BillingHttpController {
  constructor(private readonly billing: BillingClient) {}

  @Get('plans')
  @ApiOperation({ summary: 'The plans on offer (public)' })
  @ApiResponse({ status: 200, type: PlanList })
  plans(): Promise<PlanList> {
    return this.billing.listPlans();
  }

  @Post('subscriptions')
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Subscribe to a plan: issues an invoice and charges it' })
  @ApiResponse({ status: 201, type: SubscriptionView })
  @ApiResponse({ status: 402, description: 'the payment failed' })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with different parameters' })
  subscribe(@Body() request: CreateSubscriptionRequest, @IdempotencyKey() key?: string): Promise<SubscriptionView> {
    return this.billing.createSubscription({ ...request, ...(key ? { idempotencyKey: key } : {}) });
  }

  @Get('subscriptions')
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: SubscriptionList })
  subscriptions(): Promise<SubscriptionList> {
    return this.billing.listSubscriptions();
  }

  @Post('subscriptions/:id/cancel')
  @HttpCode(200)
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiResponse({ status: 200, type: SubscriptionView })
  @ApiResponse({ status: 403, description: 'not your subscription' })
  cancel(@Param('id') subscriptionId: string): Promise<SubscriptionView> {
    return this.billing.cancelSubscription({ subscriptionId });
  }

  @Get('invoices')
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your invoices; admins may pass userId' })
  @ApiResponse({ status: 200, type: InvoiceList })
  invoices(@Query() query: ListInvoicesRequest): Promise<InvoiceList> {
    return this.billing.listInvoices(query);
  }

  @Post('invoices/:id/refund')
  @HttpCode(200)
  @UseGuards(AuthenticatedGuard)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Refund a paid invoice and end its subscription (admin): the rollback covenant' })
  @ApiResponse({ status: 200, type: InvoiceView })
  refund(@Param('id') invoiceId: string, @IdempotencyKey() key?: string): Promise<InvoiceView> {
    return this.billing.refundInvoice({ invoiceId, ...(key ? { idempotencyKey: key } : {}) });
  }
}
