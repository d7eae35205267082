import { extensionFor } from '@imagegate/core/provider';

/** An output image's file name: its task id (or the model) and number, with the extension of its real type. */
export function imageFileName(base: string, index: number, mimeType: string): string {
  return `${base}-${index + 1}.${extensionFor(mimeType)}`.replace(/[^\w.-]+/g, '_');
}
