// Reading what `n8n execute --id <id> --rawOutput` prints: log lines, then the
// execution as pretty-printed JSON, then more log lines. The JSON's outer
// braces are the only lines that are exactly "{" and "}".

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
