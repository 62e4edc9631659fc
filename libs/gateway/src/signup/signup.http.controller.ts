import { Body, Controller, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { SignupRequest, SignupResult } from './signup.request';
import { SignupSaga } from './signup.saga';

@ApiTags('signup')
@Controller('signup')
export class SignupHttpController {
  constructor(private readonly saga: SignupSaga) {}

  @Post()
  @ApiOperation({ summary: 'Register and subscribe in one step; a failed payment undoes the registration' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 201, type: SignupResult })
  @ApiResponse({ status: 402, description: 'payment failed; the registration was undone, the email can sign up again' })
  @ApiResponse({ status: 503, description: 'billing unreachable; the registration was undone' })
  signup(@Body() request: SignupRequest, @IdempotencyKey() key?: string): Promise<SignupResult> {
    return this.saga.run(request, key);
  }
}
