// The embedded Atlas simulator's public API.
export {startSimulator, DEFAULT_NONCE_TTL_MS} from './server.js';
export type {Simulator, SimulatorControls, SimulatorLogEntry, SimulatorOptions} from './types.js';
export type {Fault, FaultKind} from './faults.js';
export type {ExportOutcome} from './export-jobs.js';
export {DEMO_CLUSTERS, DEMO_SNAPSHOT_IDS} from './seed-backup.js';
export type {SeedCluster, SeedSnapshot} from './seed-backup.js';
export type {RateLimit} from './rate-limit.js';
export type {IamHoldOptions} from './iam-propagation.js';
export {RECORDED_RATE_LIMITS} from './rate-limit.js';
export type {EndpointSetName} from './endpoint-sets.js';
export type {AccessListRequirement} from './admission.js';
export {
	demoSeed,
	DEMO_ATLAS_AWS_ACCOUNT_ARN,
	DEMO_AWS_ROLE_ARNS,
	DEMO_EXPORT_BUCKET_ID,
	DEMO_IN_USE_EXPORT_BUCKET_ID,
	DEMO_KEYS,
	DEMO_ORG_ID,
	DEMO_PROJECTS,
	DEMO_READONLY_BUCKET,
	DEMO_ROLE_KEYS,
	DEMO_ROLE_IDS,
	DEMO_SERVICE_ACCOUNT,
	DEMO_WRITABLE_BUCKETS,
} from './seed.js';
export type {SeedApiKey, SeedAwsRole, SeedExportBucket, SeedProject, SeedRole, SeedS3Bucket, SimulatorSeed} from './seed.js';
export {runSimulatorCommand} from './serve.js';
export type {SimulatorCommandOptions} from './serve.js';
