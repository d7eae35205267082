/**
 * How the panel names each request field, in one place: the parameters take
 * their display names from here, and error messages use the same words
 * instead of the library's option names.
 */
export const LABELS = {
  model: 'Model',
  prompt: 'Prompt',
  n: 'Number of Images',
  size: 'Size',
  aspectRatio: 'Aspect Ratio',
  customSize: 'Custom Size',
  resolution: 'Resolution',
  quality: 'Quality',
  background: 'Background',
  outputFormat: 'Output Format',
  outputCompression: 'Output Compression',
  moderation: 'Moderation',
  seed: 'Seed',
  images: 'Input Binary Field(s)',
  mask: 'Mask',
  imageUrls: 'Input Image URLs',
  task: 'Task',
  waitForCompletion: 'Wait for Completion',
  /** Task → this operation: poll a task until it finishes. */
  waitOperation: 'Wait for Completion',
  maxWait: 'Max Wait (Seconds)',
  pollInterval: 'Poll Interval (Seconds)',
  providerOptions: 'Provider Options',
  provider: 'Provider',
  /** Options → the spending limit over one execution's items. */
  maxCost: 'Max Cost per Execution',
  /** The credential's price overrides. */
  prices: 'Prices',
} as const;
