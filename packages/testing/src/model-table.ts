import type { ModelSpec } from '@imagegate/core';

/**
 * What a provider README's model table lacks against the manifest, as
 * sentences (empty when it is complete): a row per model (`| \`id\` | …`),
 * each naming the model's aliases and linking its `docsUrl`, and saying
 * `yes`/`no` for async just before the link. A test asserting this is empty
 * keeps the table and the manifest from drifting apart.
 */
export function modelTableProblems(markdown: string, models: readonly ModelSpec[]): string[] {
  const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
  return models.flatMap((model) => {
    const row = rows.find((line) => line.startsWith(`| \`${model.id}\` |`));
    if (!row) return [`no row for ${model.id}`];
    return [
      ...(model.aliases ?? [])
        .filter((alias) => !row.includes(`\`${alias}\``))
        .map((alias) => `${model.id}: alias ${alias} is missing`),
      ...(model.docsUrl && !row.includes(`(${model.docsUrl})`)
        ? [`${model.id}: the doc page ${model.docsUrl} is not linked`]
        : []),
      ...(row.includes(`| ${model.async ? 'yes' : 'no'} | [`)
        ? []
        : [`${model.id}: async should read ${model.async ? 'yes' : 'no'} before the doc link`]),
    ];
  });
}
