import type { Cost, GeneratedImage, RemoteImage, StoredImage, TaskHandle, Usage } from '@imagegate/core';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { N8nBinaryStore } from '../host/n8n-binary-store.js';

/** What the run produced for one input item, ready to become output items. */
export interface ImageOutcome {
  /** Downloads are `StoredImage`s whose `stored` is the binary n8n keeps. */
  images: Array<GeneratedImage | RemoteImage | StoredImage>;
  provider: string;
  model: string;
  prompt?: string;
  size?: string;
  /** The resolution tier asked for (or the model's default), for models with tiers. */
  resolution?: string;
  /** The `WxH` the model makes for this request, from its manifest (for images not downloaded). */
  expectedPixels?: string;
  usage?: Usage;
  /** What it cost, as core reports it (vendor charge, price table or the credential's Prices); absent when unknown. */
  cost?: Cost;
  tasks: TaskHandle[];
  warnings: string[];
  durationMs: number;
}

/** How an item's images are output: Options → Put Output in Field, Multiple Images, Return URLs Only. */
export interface OutputOptions {
  outputBinaryField: string;
  outputMode: 'itemPerImage' | 'oneItem';
  urlsOnly: boolean;
}

/**
 * Images as binary data (file name and MIME type right) plus JSON that says
 * what was made; one item per image, or all in one item as data, data_1, ….
 */
export async function toOutputItems(
  store: N8nBinaryStore,
  outcome: ImageOutcome,
  options: Pick<OutputOptions, 'outputBinaryField' | 'outputMode'>,
  itemIndex: number,
): Promise<INodeExecutionData[]> {
  const shared: IDataObject = {
    provider: outcome.provider,
    model: outcome.model,
    ...(outcome.prompt !== undefined ? { prompt: outcome.prompt } : {}),
    ...(outcome.size !== undefined ? { size: outcome.size } : {}),
    ...(outcome.resolution !== undefined ? { resolution: outcome.resolution } : {}),
    ...(outcome.usage ? { usage: outcome.usage as IDataObject } : {}),
    // Never a made-up figure: no cost field where core knows none.
    ...(outcome.cost ? { cost: outcome.cost as unknown as IDataObject } : {}),
    ...(outcome.tasks.length
      ? { taskId: outcome.tasks.map((t) => t.taskId).join(','), tasks: outcome.tasks as unknown as IDataObject[] }
      : {}),
    durationMs: Math.round(outcome.durationMs),
    ...(outcome.warnings.length ? { warnings: outcome.warnings } : {}),
  };
  const pairedItem = { item: itemIndex };
  const described = await Promise.all(
    outcome.images.map((image, index) => describeImage(store, image, index, outcome)),
  );

  if (options.outputMode === 'oneItem') {
    const binary: Record<string, IBinaryData> = {};
    const images = described.map((d, index) => {
      const property = index === 0 ? options.outputBinaryField : `${options.outputBinaryField}_${index}`;
      if (d.binary) binary[property] = d.binary;
      return { ...d.json, ...(d.binary ? { binaryProperty: property } : {}) };
    });
    return [
      {
        json: { ...shared, imageCount: images.length, images },
        ...(Object.keys(binary).length ? { binary } : {}),
        pairedItem,
      },
    ];
  }
  return described.map((d, index) => ({
    json: { ...shared, imageIndex: index, ...d.json },
    ...(d.binary ? { binary: { [options.outputBinaryField]: d.binary } } : {}),
    pairedItem,
  }));
}

/**
 * One image's JSON, made for whoever reads only JSON (an AI Agent gets
 * nothing else): `url`, an address that serves the image itself (the
 * vendor's, else a signed link to n8n's stored copy where n8n can make one),
 * with its size and type; never a status or task address.
 */
async function describeImage(
  store: N8nBinaryStore,
  image: GeneratedImage | RemoteImage | StoredImage,
  index: number,
  outcome: ImageOutcome,
): Promise<{ json: IDataObject; binary?: IBinaryData }> {
  const json: IDataObject = {};
  if (image.url) json.url = json.sourceUrl = image.url;
  if (image.expiresAt) json.expiresAt = new Date(image.expiresAt).toISOString();
  if (image.revisedPrompt) json.revisedPrompt = image.revisedPrompt;
  let binary: IBinaryData;
  let fileSize: number;
  if ('stored' in image) {
    // Downloaded straight into n8n's binary store.
    binary = image.stored as IBinaryData;
    fileSize = image.byteLength;
  } else if (image.data) {
    // Inline bytes, already in memory: handed over as they are (no copy).
    binary = await store.saveBytes(image.data, outcome.tasks[0]?.taskId ?? outcome.model, index, image.mimeType);
    fileSize = image.data.byteLength;
  } else {
    // Not downloaded: the size the model makes for this request, as its manifest says.
    const [width, height] = outcome.expectedPixels?.split('x').map(Number) ?? [];
    return { json: { ...json, ...(width && height ? { width, height } : {}) } };
  }
  json.url ??= store.signedUrl(binary);
  Object.assign(json, { mimeType: image.mimeType, fileName: binary.fileName, fileSize });
  if (image.width) json.width = image.width;
  if (image.height) json.height = image.height;
  if (json.url === undefined) delete json.url;
  return { json, binary };
}

/** One item per submitted task, for a later Task → Wait for Completion step. */
export function toTaskItems(outcome: Omit<ImageOutcome, 'images'>, itemIndex: number): INodeExecutionData[] {
  return outcome.tasks.map((task) => ({
    json: {
      status: 'submitted',
      provider: outcome.provider,
      model: outcome.model,
      ...(outcome.prompt !== undefined ? { prompt: outcome.prompt } : {}),
      taskId: task.taskId,
      task: task as unknown as IDataObject,
      ...(outcome.warnings.length ? { warnings: outcome.warnings } : {}),
    },
    pairedItem: { item: itemIndex },
  }));
}
