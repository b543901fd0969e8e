import path from 'node:path';
import { z } from 'zod';

/** The environment, parsed once at boot (style.md "Config and logs"). Each variable is described here. */
const EnvSchema = z.object({
  /** HTTP port for the API, the back office and the public portal. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface to bind. */
  HOST: z.string().default('0.0.0.0'),
  /** Where PGlite keeps its data and where blobs are stored when no S3 is configured. */
  DATA_DIR: z.string().default('./data'),
  /** PostgreSQL connection string; when unset the embedded PGlite under DATA_DIR/pglite is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Seed the demo city on first start (an empty database). */
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built web app (served at / and /admin). */
  WEB_DIST: z.string().optional(),
  /** Hash of the tamper-evident log: sha256 (RFC 6962) or sm3 (GB/T 32905). Fixed for the life of a log. */
  LEDGER_HASH: z.enum(['sha256', 'sm3']).default('sha256'),
  /** Ed25519 private key (PEM) that signs tree heads; generated under DATA_DIR/keys on first start when unset. */
  LEDGER_SIGNING_KEY: z.string().optional(),
  /** Name of this log in signed tree heads (one per deployment, e.g. "zhifa:hebei"). */
  LEDGER_ORIGIN: z.string().default('zhifa:demo'),
  /** How often a tree head is signed when the log has grown. */
  LEDGER_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  /** Password of the agencies' seal key stores (DATA_DIR/keys/agencies/*.p12); generated into DATA_DIR/keys when unset. */
  DOCUMENT_SEAL_PASSWORD: z.string().min(8).optional(),
  /** PostgreSQL connections per server process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Demos and end-to-end tests only: time can be moved forward through POST /api/v1/test/clock (never in production). */
  CLOCK_ADJUSTABLE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /**
   * With CLOCK_ADJUSTABLE only: the moment the adjustable clock starts at (ISO 8601), so end-to-end runs are the same on
   * any day — e.g. inside the years the holiday calendar covers (a deadline in a year without data is refused, G5).
   */
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** Set the Secure flag on the session cookie (enable behind HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Where blobs (evidence, documents, imports) live: `disk` (DATA_DIR/blobs) or `s3` (an S3-compatible object store). */
  BLOB_STORE: z.enum(['disk', 's3']).default('disk'),
  /** S3 endpoint URL (MinIO, Ceph RGW, a cloud provider's S3 API); unset for AWS itself. */
  S3_ENDPOINT: z.string().url().optional(),
  /** S3 region (any value for most S3-compatible stores). */
  S3_REGION: z.string().default('us-east-1'),
  /** Bucket holding the blobs (required when BLOB_STORE=s3). */
  S3_BUCKET: z.string().optional(),
  /** Key prefix inside the bucket, e.g. `zhifa/`. */
  S3_PREFIX: z.string().default(''),
  /** Access key; when unset the SDK's default credential chain (environment, profile, instance role) is used. */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style addressing (most private S3-compatible stores need it). */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
}).refine((e) => e.BLOB_STORE !== 's3' || !!e.S3_BUCKET, { path: ['S3_BUCKET'], message: 'required when BLOB_STORE=s3' });

export type Config = z.infer<typeof EnvSchema> & { dataDir: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in an env file) means "not set", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
