import type { JSONObject, JSONValue } from '@ai-sdk/provider';
import type { GenerateResult } from '@imagegate/core';

/** A JSON object without its unset fields (the AI SDK's metadata is JSON). */
function compact(value: Record<string, unknown>): JSONObject {
  const out: JSONObject = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field as JSONValue;
  return out;
}

/**
 * What ImageGate knows of a call that the AI SDK's result has no field for, as `providerMetadata.imagegate`. The AI
 * SDK's `generateImage` merges only `images` across calls (and hands each image its entry), so every image's entry
 * carries it all: its type, size, revised prompt and result URL, and the call's provider, model, resolution tier and
 * the vendor's task (a handle to collect or look up again). The call's own entry (`result.calls[i]`) adds every task
 * and any results beyond those asked, the call's usage in ImageGate's shape (images made, tier, size) and its `cost`
 * (with its basis: the vendor's charge, the price table or the caller's prices).
 */
export function toResultMetadata(
  result: GenerateResult,
  resolution: string | undefined,
): { images: JSONValue[] } & JSONObject {
  const tasks = result.tasks.map((task) => compact({ ...task }));
  const call = compact({ provider: result.provider, model: result.model, resolution });
  return {
    images: result.images.map((image) =>
      compact({
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        revisedPrompt: image.revisedPrompt,
        url: image.url,
        expiresAt: image.expiresAt,
        ...call,
        // One vendor call made these images (the AI SDK splits n by maxImagesPerCall): its task, when it had one.
        ...(tasks.length === 1 ? { taskId: result.tasks[0]!.taskId, task: tasks[0] } : {}),
      }),
    ),
    ...call,
    ...compact({
      taskIds: tasks.length > 0 ? result.tasks.map((task) => task.taskId) : undefined,
      tasks: tasks.length > 0 ? tasks : undefined,
      extraImages: result.extraImages?.map((image) => compact({ ...image })),
      // The call's, not each image's: summing per-image entries would count it again.
      usage: result.usage ? compact({ ...result.usage }) : undefined,
      cost: result.cost ? compact({ ...result.cost }) : undefined,
    }),
  };
}
