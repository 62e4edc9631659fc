import { Entity } from 'typeorm';

@Entity('users')
export class User {}
