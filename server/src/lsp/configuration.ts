/**
 * Where the server's settings come from, per document.
 *
 * The editor-wide settings are the `corsLint` section from `initializationOptions`, replaced by each
 * `workspace/didChangeConfiguration` that carries the section. When the client advertises
 * `workspace/configuration`, it is asked per resource, and a real answer (an object) wins, key by key, over
 * the editor-wide settings. Not every client answers usefully (Neovim 0.7 does not advertise it; others
 * answer null for a section they do not know, answer with an error, or never): then the editor-wide
 * settings apply. A question unanswered within `timeoutMs` never holds diagnostics back: the document is
 * analysed with the editor-wide settings, and if the answer comes later and differs, `onLateAnswer` asks
 * for that document to be analysed again. While a question is unanswered past its bound, the client is
 * not asked again (its other documents use the editor-wide settings until it answers).
 */
import type { Settings } from '../model/index.js';
import { isRealAnswer, normalizeSettings, sectionFromDidChangeConfiguration, sectionFromInitializationOptions } from './settings.js';

export interface ConfigurationHost {
  /** Sends `workspace/configuration` for the `corsLint` section of one resource. */
  ask(uri: string): Promise<unknown>;
  /** A document's settings changed after it was analysed (a late answer). */
  onLateAnswer(uri: string): void;
}

export const CONFIGURATION_TIMEOUT_MS = 500;

export class SettingsStore {
  private editorWide: Settings = normalizeSettings(undefined);
  private readonly perUri = new Map<string, Promise<Settings>>();
  /** The client advertised `workspace/configuration`. */
  private canAsk = false;
  /** A question is unanswered past its bound. */
  private stalled = false;

  constructor(
    private readonly host: ConfigurationHost,
    private readonly timeoutMs = CONFIGURATION_TIMEOUT_MS,
  ) {}

  initialize(clientAnswersConfiguration: boolean, initializationOptions: unknown): void {
    this.canAsk = clientAnswersConfiguration;
    const section = sectionFromInitializationOptions(initializationOptions);
    if (section) this.editorWide = normalizeSettings(section);
  }

  /** `workspace/didChangeConfiguration`: forget every answer; take the section if the notification has it. */
  didChangeConfiguration(params: unknown): void {
    const section = sectionFromDidChangeConfiguration(params);
    if (section) this.editorWide = normalizeSettings(section);
    this.perUri.clear();
    this.stalled = false;
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }

  /** The settings for one document. Resolves within about `timeoutMs`, whatever the client does. */
  forUri(uri: string): Promise<Settings> {
    if (!this.canAsk) return Promise.resolve(this.editorWide);
    const known = this.perUri.get(uri);
    if (known) return known;
    if (this.stalled) return Promise.resolve(this.editorWide);
    const pending = this.askWithBound(uri);
    this.perUri.set(uri, pending);
    return pending;
  }

  private askWithBound(uri: string): Promise<Settings> {
    const base = this.editorWide;
    let timedOut = false;
    const answered = this.host.ask(uri).then(
      (answer) => (isRealAnswer(answer) ? normalizeSettings(answer, base) : base),
      () => base,
    );
    const pending = new Promise<Settings>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        this.stalled = true;
        resolve(base);
      }, this.timeoutMs);
      void answered.then((settings) => {
        if (!timedOut) {
          clearTimeout(timer);
          resolve(settings);
          return;
        }
        // A late answer: the client does answer after all.
        this.stalled = false;
        // Closed, or the configuration changed meanwhile (that reset wins): the answer is stale.
        if (this.perUri.get(uri) !== pending) return;
        this.perUri.set(uri, Promise.resolve(settings));
        if (JSON.stringify(settings) !== JSON.stringify(base)) this.host.onLateAnswer(uri);
      });
    });
    return pending;
  }
}
