import * as Y from 'yjs';
import type { z } from 'zod';
import { appendLogEntry, type LogAction, type LogTargetType } from './activityLog.js';
import { markCaseUpdated } from './caseDocument.js';
import { ValidationError } from './errors.js';
import { newItemId } from './ids.js';
import { type Change, checkChange, type Investigator, isInvestigator } from './investigator.js';
import { parse } from './validation.js';

/**
 * The case's item collections: each is `doc.getMap(name)` of id -> `Y.Map` of fields, so that two
 * investigators editing different fields of one item both keep their edit. What every collection
 * shares lives here, written once: validation before anything is written, the write and its log
 * entry in one transaction, lists of links that merge, and unlinking a deleted item everywhere.
 */
export type CollectionName = 'claims' | 'actors' | 'events' | 'evidence';

export interface LinkField {
  from: CollectionName;
  field: string;
  to: CollectionName;
  /** The field of the linked item that holds the same link seen from the other side, kept in step. */
  mirror?: string;
}

/**
 * Every list of ids that points at items of another collection, in one place, so that deleting an
 * item unlinks it everywhere in the same transaction. An event's evidence and an evidence item's
 * events are one relation seen from both sides: adding or removing it on one side does so on the other.
 */
export const LINK_FIELDS: readonly LinkField[] = [
  { from: 'actors', field: 'claimIds', to: 'claims' },
  { from: 'evidence', field: 'claimIds', to: 'claims' },
  { from: 'evidence', field: 'actorIds', to: 'actors' },
  { from: 'evidence', field: 'eventIds', to: 'events', mirror: 'evidenceIds' },
  { from: 'events', field: 'evidenceIds', to: 'evidence', mirror: 'eventIds' },
  { from: 'events', field: 'actorIds', to: 'actors' },
];

const NOUNS: Record<CollectionName, string> = {
  claims: 'claim',
  actors: 'actor',
  events: 'event',
  evidence: 'evidence item',
};

export interface FieldSpec {
  schema: z.ZodType<unknown>;
  /** Value of a new item that leaves the field out; without it the field is required. */
  initial?: () => unknown;
  /**
   * 'links': ids of another collection's items (see LINK_FIELDS); 'set': distinct strings (tags).
   * Both are stored as a `Y.Array`, so links added by two people at once are both kept.
   */
  list?: 'links' | 'set';
  /** Text typed keystroke by keystroke: the log keeps one entry per burst of typing. */
  typed?: boolean;
}

export interface CollectionSpec<Item> {
  name: CollectionName;
  target: LogTargetType;
  fields: Record<string, FieldSpec>;
  /** Builds the item from its stored fields, tolerating fields a newer or older Casefile wrote. */
  read(doc: Y.Doc, id: string, map: Y.Map<unknown>): Item;
  /** How the log and messages name the item. */
  label(item: Item): string;
  /** Fields stamped when the item is made: who and when. */
  stamp(by: Investigator, at: string): Record<string, unknown>;
  /**
   * Order of `list`. The sort is stable and starts from the map's order, which on every replica is
   * the order one client added its items in: items stamped with the same millisecond (an import,
   * the demo case) keep the order they were added in.
   */
  order(a: Item, b: Item): number;
}

export interface LogNote {
  action: LogAction;
  fields: Record<string, unknown>;
  typing?: boolean;
}

function itemsMap(doc: Y.Doc, name: CollectionName): Y.Map<unknown> {
  return doc.getMap(name);
}

function itemMap(doc: Y.Doc, name: CollectionName, id: unknown): Y.Map<unknown> | null {
  if (typeof id !== 'string') return null;
  const value = itemsMap(doc, name).get(id);
  return value instanceof Y.Map ? value : null;
}

// Readers: an item may come from another Casefile version or a damaged replica; read what fits.

export function readText(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
}

function readRawList(map: Y.Map<unknown>, key: string): string[] {
  const value = map.get(key);
  const items = value instanceof Y.Array ? value.toArray() : Array.isArray(value) ? value : [];
  return [...new Set(items.filter((item): item is string => typeof item === 'string'))];
}

/** Distinct strings of a set field (two people adding the same tag at once store it twice). */
export function readSet(map: Y.Map<unknown>, key: string): string[] {
  return readRawList(map, key);
}

/** Ids of linked items that still exist: a link added offline to an item deleted meanwhile is dropped. */
export function readLinks(doc: Y.Doc, map: Y.Map<unknown>, key: string, to: CollectionName): string[] {
  const target = itemsMap(doc, to);
  return readRawList(map, key).filter((id) => target.get(id) instanceof Y.Map);
}

export function readInvestigator(map: Y.Map<unknown>, key: string): Investigator {
  const value = map.get(key);
  return isInvestigator(value) ? { id: value.id, name: value.name } : { id: '', name: '' };
}

function toPlain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.toJSON() : value;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((value) => set.has(value));
}

/** Makes the stored list hold exactly `wanted`, touching only what differs so concurrent edits merge. */
function writeList(map: Y.Map<unknown>, key: string, wanted: readonly string[]): void {
  const current = map.get(key);
  if (!(current instanceof Y.Array)) {
    map.set(key, Y.Array.from([...wanted]));
    return;
  }
  const keep = new Set(wanted);
  const kept = new Set<string>();
  for (let index = current.length - 1; index >= 0; index--) {
    const value = current.get(index);
    if (typeof value === 'string' && keep.has(value) && !kept.has(value)) kept.add(value);
    else current.delete(index, 1);
  }
  const missing = wanted.filter((value) => !kept.has(value));
  if (missing.length > 0) current.push(missing);
}

function addToList(map: Y.Map<unknown>, key: string, value: string): void {
  const list = map.get(key);
  if (list instanceof Y.Array) {
    if (!list.toArray().includes(value)) list.push([value]);
  } else {
    map.set(key, Y.Array.from([value]));
  }
}

function removeFromList(map: Y.Map<unknown>, key: string, value: string): void {
  const list = map.get(key);
  if (!(list instanceof Y.Array)) return;
  for (let index = list.length - 1; index >= 0; index--) {
    if (list.get(index) === value) list.delete(index, 1);
  }
}

function linkField(from: CollectionName, field: string): LinkField {
  const link = LINK_FIELDS.find((candidate) => candidate.from === from && candidate.field === field);
  if (!link) throw new Error(`${from}.${field} is not declared in LINK_FIELDS.`);
  return link;
}

export interface Collection<Item> {
  readonly spec: CollectionSpec<Item>;
  get(doc: Y.Doc, id: string): Item | null;
  list(doc: Y.Doc): Item[];
  /** How many items `list` would return, without reading them. */
  count(doc: Y.Doc, include?: (map: Y.Map<unknown>) => boolean): number;
  /** Validates a new item's fields (defaults filled in); throws `ValidationError`, writes nothing. */
  parseNew(doc: Y.Doc, input: unknown): Record<string, unknown>;
  /** Validates changed fields of an existing item; throws `ValidationError`, writes nothing. */
  parsePatch(doc: Y.Doc, id: string, patch: unknown): Record<string, unknown>;
  /** Writes a new item from values `parseNew` returned, with its 'created' log entry. */
  create(doc: Y.Doc, values: Record<string, unknown>, change: Change): string;
  /** Validates and adds an item; returns its id. */
  add(doc: Y.Doc, input: unknown, change: Change): string;
  /** Validates and writes the fields that differ, logging their new values; writes nothing when none do. */
  update(doc: Y.Doc, id: string, patch: unknown, change: Change): void;
  /** Writes checked values with the given log entry (for tombstones and restores). */
  write(doc: Y.Doc, id: string, values: Record<string, unknown>, change: Change, note: LogNote): void;
  /** Removes the item and every link to it, in one transaction with its log entry. */
  remove(doc: Y.Doc, id: string, change: Change): void;
  /** The item, or a `ValidationError` saying it is not (or no longer) in the case. */
  require(doc: Y.Doc, id: string): Item;
}

export function defineCollection<Item>(spec: CollectionSpec<Item>): Collection<Item> {
  const noun = NOUNS[spec.name];
  const fieldNames = Object.keys(spec.fields);

  const get = (doc: Y.Doc, id: string): Item | null => {
    const map = itemMap(doc, spec.name, id);
    return map ? spec.read(doc, id, map) : null;
  };

  const require = (doc: Y.Doc, id: string): Item => {
    const item = get(doc, id);
    if (item === null) {
      throw new ValidationError(
        `No ${noun} with id ${JSON.stringify(id)} in this case; it may have been deleted by a collaborator. Reload the list and try again.`,
      );
    }
    return item;
  };

  const checkLinks = (doc: Y.Doc, field: string, ids: string[]): void => {
    const link = linkField(spec.name, field);
    const target = itemsMap(doc, link.to);
    const missing = ids.find((id) => !(target.get(id) instanceof Y.Map));
    if (missing !== undefined) {
      throw new ValidationError(
        `${field} links to ${JSON.stringify(missing)}, which is no ${NOUNS[link.to]} of this case; link only to items of this case.`,
        { field },
      );
    }
  };

  const parseFields = (doc: Y.Doc, input: unknown, partial: boolean): Record<string, unknown> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ValidationError(`A ${noun} is given as an object of its fields (${fieldNames.join(', ')}).`);
    }
    const given = input as Record<string, unknown>;
    const unknownKey = Object.keys(given).find((key) => !(key in spec.fields));
    if (unknownKey !== undefined) {
      throw new ValidationError(
        `"${unknownKey}" is not a field of a ${noun} that can be set; use: ${fieldNames.join(', ')}.`,
        { field: unknownKey },
      );
    }
    const values: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(spec.fields)) {
      const present = key in given && given[key] !== undefined;
      if (!present && partial) continue;
      const raw = present ? given[key] : field.initial ? field.initial() : undefined;
      let value = parse(field.schema, raw, key);
      if (field.list) value = [...new Set(value as string[])];
      if (field.list === 'links') checkLinks(doc, key, value as string[]);
      values[key] = value;
    }
    return values;
  };

  /** Keeps the other side of mirrored links in step with this item's `field` (inside a transaction). */
  const mirrorLinks = (doc: Y.Doc, id: string, field: string, added: string[], removed: string[]): void => {
    const link = linkField(spec.name, field);
    if (!link.mirror) return;
    for (const other of added) {
      const map = itemMap(doc, link.to, other);
      if (map) addToList(map, link.mirror, id);
    }
    for (const other of removed) {
      const map = itemMap(doc, link.to, other);
      if (map) removeFromList(map, link.mirror, id);
    }
  };

  const create = (doc: Y.Doc, values: Record<string, unknown>, change: Change): string => {
    const { by, at } = checkChange(change);
    const id = newItemId();
    const map = new Y.Map<unknown>();
    doc.transact(() => {
      for (const [key, value] of Object.entries(values)) {
        if (spec.fields[key]?.list) map.set(key, Y.Array.from([...(value as string[])]));
        else map.set(key, value);
      }
      for (const [key, value] of Object.entries(spec.stamp(by, at))) map.set(key, value);
      itemsMap(doc, spec.name).set(id, map);
      for (const [key, value] of Object.entries(values)) {
        if (spec.fields[key]?.list === 'links') mirrorLinks(doc, id, key, value as string[], []);
      }
      markCaseUpdated(doc, at);
      appendLogEntry(doc, {
        at,
        by,
        action: 'created',
        target: { type: spec.target, id, label: spec.label(spec.read(doc, id, map)) },
        fields: values,
      });
    });
    return id;
  };

  const changedValues = (doc: Y.Doc, id: string, values: Record<string, unknown>): Record<string, unknown> => {
    const current = require(doc, id) as Record<string, unknown>;
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const before = toPlain(current[key]);
      const differs =
        spec.fields[key]?.list && Array.isArray(before)
          ? !sameSet(before as string[], value as string[])
          : !sameValue(before, value);
      if (differs) changed[key] = value;
    }
    return changed;
  };

  const write = (doc: Y.Doc, id: string, values: Record<string, unknown>, change: Change, note: LogNote): void => {
    const { by, at } = checkChange(change);
    require(doc, id);
    const map = itemMap(doc, spec.name, id) as Y.Map<unknown>;
    doc.transact(() => {
      for (const [key, value] of Object.entries(values)) {
        const field = spec.fields[key];
        if (field?.list) {
          const before = readRawList(map, key);
          const wanted = value as string[];
          writeList(map, key, wanted);
          if (field.list === 'links') {
            mirrorLinks(
              doc,
              id,
              key,
              wanted.filter((other) => !before.includes(other)),
              before.filter((other) => !wanted.includes(other)),
            );
          }
        } else {
          map.set(key, value);
        }
      }
      markCaseUpdated(doc, at);
      appendLogEntry(
        doc,
        {
          at,
          by,
          action: note.action,
          target: { type: spec.target, id, label: spec.label(spec.read(doc, id, map)) },
          fields: note.fields,
        },
        { typing: note.typing ?? false },
      );
    });
  };

  const remove = (doc: Y.Doc, id: string, change: Change): void => {
    const { by, at } = checkChange(change);
    const item = require(doc, id) as Record<string, unknown>;
    const held: Record<string, unknown> = {};
    for (const key of fieldNames) held[key] = toPlain(item[key]);
    doc.transact(() => {
      for (const link of LINK_FIELDS) {
        if (link.to !== spec.name) continue;
        for (const other of itemsMap(doc, link.from).values()) {
          if (other instanceof Y.Map) removeFromList(other, link.field, id);
        }
      }
      itemsMap(doc, spec.name).delete(id);
      markCaseUpdated(doc, at);
      appendLogEntry(doc, {
        at,
        by,
        action: 'deleted',
        target: { type: spec.target, id, label: spec.label(item as Item) },
        fields: held,
      });
    });
  };

  return {
    spec,
    get,
    require,
    list(doc) {
      const items: Item[] = [];
      for (const [id, map] of itemsMap(doc, spec.name).entries()) {
        if (map instanceof Y.Map) items.push(spec.read(doc, id, map));
      }
      return items.sort(spec.order);
    },
    count(doc, include = () => true) {
      let count = 0;
      for (const map of itemsMap(doc, spec.name).values()) {
        if (map instanceof Y.Map && include(map)) count++;
      }
      return count;
    },
    parseNew: (doc, input) => parseFields(doc, input, false),
    parsePatch(doc, id, patch) {
      require(doc, id);
      return parseFields(doc, patch, true);
    },
    create,
    add(doc, input, change) {
      checkChange(change);
      return create(doc, parseFields(doc, input, false), change);
    },
    update(doc, id, patch, change) {
      checkChange(change);
      require(doc, id);
      const changed = changedValues(doc, id, parseFields(doc, patch, true));
      const keys = Object.keys(changed);
      if (keys.length === 0) return;
      const typing = keys.every((key) => spec.fields[key]?.typed === true);
      write(doc, id, changed, change, { action: 'changed', fields: changed, typing });
    },
    write,
    remove,
  };
}
