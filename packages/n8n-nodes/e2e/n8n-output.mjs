// Reading what `n8n execute --id <id> --rawOutput` prints: log lines, then the
// execution as pretty-printed JSON, then more log lines. The JSON's outer
// braces are the only lines that are exactly "{" and "}". And the images it
// stored, read from n8n's binary data folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The execution object from n8n's stdout. */
export function extractExecution(stdout) {
  const lines = stdout.split(/\r?\n/);
  for (let start = 0; start < lines.length; start++) {
    if (lines[start] !== '{') continue;
    for (let end = start + 1; end < lines.length; end++) {
      if (lines[end] !== '}') continue;
      try {
        return JSON.parse(lines.slice(start, end + 1).join('\n'));
      } catch {
        // a "}" inside the JSON: try the next one
      }
    }
  }
  throw new Error(`no execution JSON in n8n's output:\n${stdout.slice(-2000)}`);
}

/** The items of a node's first output in its last run. */
export function nodeItems(execution, nodeName) {
  const runs = execution.data.resultData.runData[nodeName];
  if (!runs)
    throw new Error(
      `node "${nodeName}" did not run (ran: ${Object.keys(execution.data.resultData.runData).join(', ')})`,
    );
  return runs[runs.length - 1].data?.main?.[0] ?? [];
}

/**
 * The bytes of a binary property as n8n stored them: in its filesystem mode (n8n's default, and the only local
 * mode from n8n 3.0 on) a file under the n8n folder's storage (binaryData before n8n moved it), named by the
 * property's id. An item whose bytes are inline (the in-memory mode 3.0 drops) is refused: the run must not depend
 * on it.
 */
export function binaryBytes(binary, n8nFolder) {
  const [mode, path] = String(binary.id ?? '').split(/:(.*)/s);
  if (!path) throw new Error(`binary "${binary.fileName}" has no id: n8n kept it in memory, not in filesystem mode`);
  if (!mode.startsWith('filesystem')) throw new Error(`binary "${binary.fileName}" is stored in ${mode} mode`);
  for (const folder of ['storage', 'binaryData']) {
    const file = join(n8nFolder, folder, path);
    if (existsSync(file)) return readFileSync(file);
  }
  throw new Error(`binary "${binary.fileName}": ${binary.id} not found under ${n8nFolder}`);
}
