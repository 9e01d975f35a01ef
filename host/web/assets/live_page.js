// SDK 1.2 live pages: while a page is shown, a pause in typing asks the server to prepare it
// again with what is typed (never its secrets) and shows the new info lines and path
// suggestions; what was typed stays. The pause is at least 150 ms and twice as long as the last
// preview took, up to 2 s, as in the terminal console; one preview at a time, never one per key.
import * as api from "./api.js";

const shortestPause = 150;
const longestPause = 2000;

export class LivePage {
  /** `answers()`: the page's typed non-secret answers; `shown(preview)`: show its info and options. */
  constructor(taskId, pageId, answers, shown) {
    this.taskId = taskId;
    this.pageId = pageId;
    this.answers = answers;
    this.shown = shown;
    this.pause = shortestPause;
    this.timer = 0;
    this.asking = false;
    this.again = false;  // typed while a preview was on its way: one more once it is back
    this.stopped = false;
  }

  /** A field changed: prepare the page again once typing pauses. */
  edited() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.ask(), this.pause);
  }

  /** The page is left (answered, cancelled, replaced): nothing more is asked or shown. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  async ask() {
    if (this.stopped) return;
    if (this.asking) {
      this.again = true;
      return;
    }
    this.asking = true;
    const started = performance.now();
    try {
      const preview = await api.preview(this.taskId, this.pageId, this.answers());
      if (!this.stopped) this.shown(preview);
    } catch (error) {
      // An error of a repeated prepare() is not shown (sdk/wizard.hpp): the page keeps what it shows.
    } finally {
      this.pause = Math.min(longestPause, Math.max(shortestPause, 2 * (performance.now() - started)));
      this.asking = false;
      if (this.again) {
        this.again = false;
        this.edited();
      }
    }
  }
}
