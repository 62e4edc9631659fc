import { BillingContract } from '@app/contracts';
import { ModuleKernel } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { helper } from './helper';

export { BillingContract, ModuleKernel, Injectable, helper };
