import * as vscode from 'vscode';

/**
 * A view's data, asked of the server once and again after `reset()`: concurrent asks
 * share one request; a failure is shown as a warning and leaves the data to ask again.
 */
export class LoadOnce {
  private loaded = false;
  private pending: Promise<void> | undefined;

  /** `load` fills the view's data; `what` names it in the warning. */
  constructor(
    private readonly load: () => Promise<void>,
    private readonly what: string,
  ) {}

  /** The data is to be asked again. */
  reset(): void {
    this.loaded = false;
  }

  /** Whether the data is there (asking the server if needed). */
  async ready(): Promise<boolean> {
    if (this.loaded) {
      return true;
    }
    this.pending ??= this.load().finally(() => {
      this.pending = undefined;
    });
    try {
      await this.pending;
      this.loaded = true;
      return true;
    } catch (e) {
      void vscode.window.showWarningMessage(`glose: could not list the ${this.what}: ${e instanceof Error ? e.message : e}`);
      return false;
    }
  }
}
