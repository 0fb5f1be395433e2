/**
 * A small typed event emitter: `on` returns the function that unsubscribes. A listener that
 * throws does not stop the others, nor the change that raised the event.
 * @internal
 */
export interface Emitter<Events> {
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void;
  emit<K extends keyof Events>(event: K, payload: Events[K]): void;
}

/** @internal */
export function createEmitter<Events>(onListenerError: (error: unknown) => void): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // A wrapper per subscription: the same function subscribed twice unsubscribes separately.
      const entry = (payload: never) => listener(payload);
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(event, payload) {
      // A copy: a listener that unsubscribes (or subscribes) while the event runs changes the next one.
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as (payload: unknown) => void)(payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
