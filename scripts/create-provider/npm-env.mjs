// The environment a third party's shell has, for running npm on a package
// generated outside this workspace (the scaffold test, the real-n8n run).
/**
 * `process.env` without what pnpm adds when it runs a script (npm_lifecycle_*,
 * npm_package_*, its own npm_config_* keys), which npm would otherwise read.
 * Registry, cache and proxy settings stay.
 */
export function userEnv(env = process.env) {
  const keep = new RegExp(
    '^npm_config_(registry|cache|userconfig|globalconfig|proxy|' +
      'https_proxy|noproxy|strict_ssl|cafile|@[^_]+:registry)$',
    'i',
  );
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => keep.test(key) || !/^(npm_|pnpm_|INIT_CWD$)/i.test(key)),
  );
}
