import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { node } from '../../test/run-node.js';
import { edit } from './image/edit.js';
import { generate } from './image/generate.js';
import { operationFor, outputsExpression, selectorProperties, shownFor } from './router.js';
import { checkOnce } from './task/check-once.js';
import { getStatus } from './task/get-status.js';
import { wait } from './task/wait.js';

const ALL = [generate, edit, checkOnce, getStatus, wait];

describe('the operations list', () => {
  it(
    'gives the Resource parameter and one Operation parameter per resource, each operation with its action, ' +
      'starting on Image → Generate and Task → Wait for Completion',
    () => {
      const [resource, image, task] = selectorProperties();
      expect(resource).toMatchObject({
        name: 'resource',
        options: [
          { name: 'Image', value: 'image' },
          { name: 'Task', value: 'task' },
        ],
        default: 'image',
      });
      expect(image).toMatchObject({
        name: 'operation',
        displayOptions: { show: { resource: ['image'] } },
        default: 'generate',
      });
      expect(image!.options).toEqual(
        [generate, edit].map((o) => ({ name: o.name, value: o.value, action: o.action, description: o.description })),
      );
      expect(task).toMatchObject({
        name: 'operation',
        displayOptions: { show: { resource: ['task'] } },
        default: 'wait',
      });
      expect(task!.options!.map((o) => (o as { name: string }).name)).toEqual([
        'Check Once',
        'Get Status',
        'Wait for Completion',
      ]);
      // Each operation belongs to the resource whose list it is in.
      expect(ALL.map((o) => o.resource)).toEqual(['image', 'image', 'task', 'task', 'task']);
    },
  );

  it(
    'picks the operation by resource and operation; ' + 'a pair the panel does not offer runs as the panel defaults it',
    () => {
      for (const operation of ALL) expect(operationFor(operation.resource, operation.value)).toBe(operation);
      expect(operationFor('task', 'generate')).toBe(wait);
      expect(operationFor('image', 'checkOnce')).toBe(generate);
      expect(operationFor('unknown', 'edit')).toBe(edit);
    },
  );

  it('shows each shared parameter for the operations that list it', () => {
    expect(shownFor('imageRequest')).toEqual({ resource: ['image'], operation: ['generate', 'edit'] });
    expect(shownFor('referenceImages')).toEqual({ resource: ['image'], operation: ['edit'] });
    expect(shownFor('task')).toEqual({ resource: ['task'], operation: ['wait', 'checkOnce', 'getStatus'] });
    expect(shownFor('options')).toEqual({
      resource: ['image', 'task'],
      operation: ['generate', 'edit', 'wait', 'checkOnce'],
    });
    expect(outputsExpression()).toBe(
      '={{ $parameter["resource"] === "task" && $parameter["operation"] === "checkOnce" ? ' +
        '[{ type: "main", displayName: "Done" }, { type: "main", displayName: "Pending" }] : ["main"] }}',
    );
  });

  it('every resource and operation a parameter of the node is shown for is one the list has', () => {
    const named: Array<[string, string]> = [];
    const walk = (properties: readonly INodeProperties[]) => {
      for (const p of properties) {
        for (const rule of [p.displayOptions?.show, p.displayOptions?.hide]) {
          for (const [key, values] of Object.entries(rule ?? {})) {
            const name = key.replace(/^\//, '');
            if (name === 'resource' || name === 'operation')
              for (const v of values as unknown[]) named.push([name, String(v)]);
          }
        }
        if (p.type === 'collection') walk(p.options as INodeProperties[]);
      }
    };
    walk(node.description.properties);
    expect(named.length).toBeGreaterThan(10);
    for (const [name, value] of named) {
      expect(
        name === 'resource' ? ALL.map((o) => o.resource) : ALL.map((o) => o.value),
        `${name} "${value}"`,
      ).toContain(value);
    }
  });
});
