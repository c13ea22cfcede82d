/**
 * Building and serializing events. Emitters pass only the seed's fields; `type`, `version` and
 * `timestamp` are filled here. The body is serialized ONCE (minified UTF-8 JSON) when the event
 * is recorded; those exact bytes are signed and sent on every attempt.
 */
import { eventCatalog, parseDomainEvent, type DomainEventOf, type EventType } from "./catalog";

type Envelope = "type" | "version" | "timestamp";
export type EventData<T extends EventType> = Omit<DomainEventOf<T>, Envelope> & { timestamp?: string };

export function createDomainEvent<T extends EventType>(type: T, data: EventData<T>, now: Date = new Date()): DomainEventOf<T> {
  const event = { type, version: eventCatalog[type].version, timestamp: now.toISOString(), ...data };
  return parseDomainEvent(event) as DomainEventOf<T>;
}

export function serializeEventBody(event: DomainEventOf<EventType>): Buffer {
  return Buffer.from(JSON.stringify(event), "utf8");
}
