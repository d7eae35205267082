// A mistake in the command line: create-provider prints it with the usage and exits 1.
export class UsageError extends Error {}
