import { AUTH_SECRET_MIN_LENGTH, parseTokenLifetime } from '@taskgate/api-contract';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : blankToUndefined({ value });
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : value;

const URL_OPTIONS = { require_tld: false, require_protocol: true };
const SECRET_RULE = `must be at least ${AUTH_SECRET_MIN_LENGTH} characters long`;

/**
 * The backend's environment as class-validator rules; each message names its
 * variable, and {@link loadConfiguration} reports the first one.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'BACKEND_PORT must be a whole number from 0 to 65535' })
  @Min(0, { message: 'BACKEND_PORT must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'BACKEND_PORT must be a whole number from 0 to 65535' })
  BACKEND_PORT?: number;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  BACKEND_HOST?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'BETTER_AUTH_URL must be a URL such as http://localhost:4200' })
  BETTER_AUTH_URL?: string;

  @Transform(toList)
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^/\s]+)$/, {
    each: true,
    message: 'CORS_ORIGINS must list origins such as http://localhost:4200, comma-separated',
  })
  CORS_ORIGINS?: string[];

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be a whole number (0 switches rate limiting off)' })
  @Min(0, { message: 'RATE_LIMIT_PER_MINUTE must be a whole number (0 switches rate limiting off)' })
  RATE_LIMIT_PER_MINUTE?: number;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() || undefined : value))
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  @MinLength(AUTH_SECRET_MIN_LENGTH, { message: `BETTER_AUTH_SECRET ${SECRET_RULE}` })
  @IsString({ message: `BETTER_AUTH_SECRET is required and ${SECRET_RULE}` })
  BETTER_AUTH_SECRET!: string;

  @Transform(toList)
  @IsOptional()
  @MinLength(AUTH_SECRET_MIN_LENGTH, { each: true, message: `each of BETTER_AUTH_PREVIOUS_SECRETS ${SECRET_RULE}` })
  BETTER_AUTH_PREVIOUS_SECRETS?: string[];

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  @Transform(({ value }) => (typeof value === 'string' && value.trim() !== '' ? (parseTokenLifetime(value) ?? -1) : undefined))
  @IsOptional()
  @Min(1, { message: 'JWT_EXPIRES_IN must be a duration such as 15m, 900s or 900' })
  JWT_EXPIRES_IN?: number;

  @Transform(blankToUndefined)
  @IsUrl(
    { ...URL_OPTIONS, protocols: ['postgres', 'postgresql'] },
    { message: 'DATABASE_URL is required: a postgres:// URL' },
  )
  DATABASE_URL!: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @IsUrl(
    { ...URL_OPTIONS, protocols: ['postgres', 'postgresql'] },
    { message: 'DATABASE_LISTEN_URL must be a postgres:// URL' },
  )
  DATABASE_LISTEN_URL?: string;

  @Transform(toInteger)
  @IsOptional()
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  DATABASE_POOL_SIZE?: number;
}
