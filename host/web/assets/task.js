// A task or property tab in a modal dialog: the wizard's pages (Back, Next or Finish, Cancel),
// or a Properties tab's sheet after its login (OK, Apply, Cancel; SDK 1.2 plugins), then its progress streamed from the server (Server-Sent Events, polling if the stream breaks)
// with Cancel, then the summary with its table. Every step is the server's task state JSON.
import * as api from "./api.js";
import { el, errorBox, replaceChildren, uniqueId } from "./dom.js";
import { renderField } from "./fields.js";
import { LivePage } from "./live_page.js";

const endings = {
  completed: "completed",
  refused: "was refused",
  plugin_failed: "failed in its plugin",
  task_failed: "failed",
  cancelled: "was cancelled",
};

export class TaskDialog {
  /** `onClosed()` is called when the operator closes a finished task. */
  constructor(dialog, onClosed) {
    this.dialog = dialog;
    this.onClosed = onClosed;
    this.state = null;
    this.events = null;
    this.poll = 0;
    this.inputs = [];
    this.live = null;  // the shown page's previews (SDK 1.2 live pages), when it has them
    this.busy = false;
    this.cancelling = false;  // Cancel pressed while running: the task stops at its next check
    this.sheet = false;  // the task has shown a property sheet: OK or Cancel on it closes the dialog
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();  // Escape: as the Cancel button, never a silent close
      this.escape();
    });
    // A browser may close a modal dialog on a repeated Escape whatever the page says; a task
    // that has not ended stays on screen.
    dialog.addEventListener("close", () => {
      if (this.state && this.state.state !== "done") dialog.showModal();
    });
  }

  /** Starts `action` on the node at `path` (with the selected `rows` of `table`) and shows it. */
  async start(path, action, rows, table) {
    this.stop();
    this.state = null;
    this.cancelling = false;
    this.sheet = false;
    this.showMessage(action.label, "Starting…");
    if (!this.dialog.open) this.dialog.showModal();
    try {
      this.show(await api.startTask(path, action.id, rows, rows.length ? table : ""));
    } catch (error) {
      this.showFailure(action.label, error);
    }
  }

  show(state) {
    if (this.state && state.id === this.state.id && state.version < this.state.version) return;
    this.state = state;
    if (state.state !== "page") this.stopLive();
    if (state.state === "page") this.showPage(state);
    else if (state.state === "sheet") this.showSheet(state);
    else if (state.state === "done" && this.sheet && ["completed", "cancelled"].includes((state.outcome || {}).end)) this.close();
    else if (state.state === "running") this.showRunning(state);
    else this.showDone(state);
  }

  frame(title, subtitle, body, buttons) {
    const headingId = uniqueId("task-title");
    this.dialog.setAttribute("aria-labelledby", headingId);
    replaceChildren(this.dialog,
      el("header", { className: "task-header" },
        el("h2", { id: headingId }, title),
        subtitle ? el("p", { className: "task-subtitle" }, subtitle) : null),
      el("div", { className: "task-body" }, body),
      el("footer", { className: "task-buttons" }, buttons));
  }

  button(label, className, onClick, extra = {}) {
    return el("button", { type: "button", className, on: { click: onClick }, ...extra }, label);
  }

  showMessage(title, text) {
    this.frame(title, "", el("p", { className: "task-message", attrs: { role: "status" } }, text), []);
  }

  showFailure(title, error) {
    this.frame(title, "", errorBox(error), [this.button("Close", "primary task-close", () => this.close())]);
    this.dialog.querySelector(".task-close").focus();
  }

  showPage(state) {
    this.stopLive();
    const page = state.page;
    const problem = page.problem || null;
    const listPaths = (fieldId, dir) => api.paths(state.id, fieldId, dir);
    this.inputs = page.fields.map((field) => ({
      field,
      input: renderField(field, problem && problem.field === field.id ? problem.message : "", listPaths),
    }));
    const info = el("div", { className: "page-info", hidden: !(page.info || []).length, attrs: { "aria-live": "polite" } },
      (page.info || []).map((line) => el("p", {}, line)));
    const formId = uniqueId("page");
    const form = el("form", { id: formId, className: "task-page", attrs: { "data-page": page.id, novalidate: true },
      on: { submit: (event) => { event.preventDefault(); this.step("next"); } } },
      page.description ? el("p", { className: "page-description" }, page.description) : null,
      info,
      problem && !page.fields.some((f) => f.id === problem.field)
        ? el("p", { className: "page-problem", attrs: { role: "alert" } }, problem.message) : null,
      this.inputs.map(({ input }) => input.element),
      // Enter in a text input submits the form: this hidden default button makes it Next/Finish.
      el("button", { type: "submit", hidden: true, tabIndex: -1, attrs: { "aria-hidden": "true" } }));
    const forward = page.finishes ? "Finish" : "Next";
    // index and count are among the wizard's declared pages; back: an earlier page was shown.
    this.frame(state.title, `${page.title} — page ${page.index + 1} of ${page.count}`, form, [
      this.button("Back", "task-back", () => this.step("back"), { disabled: !page.back }),
      this.button(forward, `primary task-${forward.toLowerCase()}`, () => this.step("next")),
      this.button("Cancel", "task-cancel", () => this.cancel()),
    ]);
    if (state.live && !page.fields.some((field) => field.kind === "secret")) this.followTyping(state, form, info);
    const troubled = problem ? this.inputs.find(({ field }) => field.id === problem.field) : null;
    if (troubled) {
      form.append(el("p", { className: "visually-hidden", attrs: { role: "alert" } }, problem.message));
      troubled.input.focus();
    } else if (this.inputs.length) {
      this.inputs[0].input.focus();
    } else {
      this.dialog.querySelector(`.task-${forward.toLowerCase()}`).focus();
    }
  }

  /** A Properties tab's sheet: every page's fields at once, holding what the plugin holds (or
   * what was typed, when Apply was refused), the values its last run reported, OK / Apply / Cancel. */
  showSheet(state) {
    this.stop();  // after an Apply's run: the answers bring the next states
    this.sheet = true;
    const sheet = state.sheet;
    const problem = sheet.problem || null;
    this.inputs = [];
    const pages = sheet.pages.map((page) => el("fieldset", { className: "sheet-page", attrs: { "data-page": page.id } },
      sheet.pages.length > 1 ? el("legend", {}, page.title) : null,
      page.description ? el("p", { className: "page-description" }, page.description) : null,
      (page.info || []).length ? el("div", { className: "page-info" }, page.info.map((line) => el("p", {}, line))) : null,
      page.fields.map((field) => {
        const troubled = problem && problem.page === page.id && problem.field === field.id;
        const input = renderField(field, troubled ? problem.message : "");
        this.inputs.push({ page: page.id, field, input, troubled });
        return input.element;
      })));
    const placed = this.inputs.find(({ troubled }) => troubled);
    const form = el("form", { className: "task-sheet", attrs: { novalidate: true },
      on: { submit: (event) => { event.preventDefault(); this.step("apply"); } } },
      problem && !placed ? el("p", { className: "page-problem", attrs: { role: "alert" } }, problem.message) : null,
      pages,
      this.inputs.length ? null : el("p", { className: "sheet-empty" }, "Nothing on this tab can be changed here."),
      sheet.values ? el("section", { className: "sheet-values" }, el("h3", {}, "Current values"), renderSummary(sheet.values)) : null,
      sheet.applied && !problem
        ? el("p", { className: "sheet-applied", attrs: { role: "status" } }, "Applied. The fields show what is stored now.") : null,
      el("button", { type: "submit", hidden: true, tabIndex: -1, attrs: { "aria-hidden": "true" } }));
    this.frame(state.title, "Properties", form, [
      this.button("OK", "primary task-ok", () => this.step("ok")),
      this.button("Apply", "task-apply", () => this.step("apply")),
      this.button("Cancel", "task-cancel", () => this.cancel()),
    ]);
    if (placed) {
      form.append(el("p", { className: "visually-hidden", attrs: { role: "alert" } }, problem.message));
      placed.input.focus();
    } else if (this.inputs.length && !sheet.applied) {
      this.inputs[0].input.focus();
    } else {
      this.dialog.querySelector(".task-apply").focus();
    }
  }

  /** A sheet's answers: {page id: {field id: value}}. */
  sheetAnswers(withSecrets) {
    const answers = {};
    for (const { page, field, input } of this.inputs) {
      if (field.kind === "secret" && !withSecrets) continue;
      (answers[page] ||= {})[field.id] = input.value();
    }
    return answers;
  }

  /** Previews the page while it is typed (SDK 1.2 live pages): new info lines and path suggestions. */
  followTyping(state, form, info) {
    this.live = new LivePage(state.id, state.page.id, () => this.answers(false), (preview) => {
      replaceChildren(info, (preview.info || []).map((line) => el("p", {}, line)));
      info.hidden = !(preview.info || []).length;
      for (const { field, input } of this.inputs) {
        const offered = (preview.options || {})[field.id];
        if (offered && input.setOptions) input.setOptions(offered);
      }
    });
    const edited = (event) => {
      // Searching a multi-select's options or moving in a file picker changes no answer.
      if (!event.target.closest(".multi-search, .path-picker")) this.live.edited();
    };
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
  }

  stopLive() {
    if (this.live) this.live.stop();
    this.live = null;
  }

  answers(withSecrets) {
    const answers = {};
    for (const { field, input } of this.inputs) {
      if (field.kind === "secret" && !withSecrets) continue;
      answers[field.id] = input.value();
    }
    return answers;
  }

  /** A step on the shown page (next, back, cancel) or sheet (apply, ok, cancel). */
  async step(step) {
    if (this.busy || !this.state || !["page", "sheet"].includes(this.state.state)) return;
    this.busy = true;
    this.stopLive();
    const answers = this.state.state === "sheet" ? this.sheetAnswers(step !== "cancel") : this.answers(step === "next");
    for (const { input } of this.inputs) input.forget();
    this.setButtonsDisabled(true);
    try {
      this.show(await api.answer(this.state.id, step, answers));
    } catch (error) {
      this.showFailure(this.state.title, error);
    } finally {
      this.busy = false;
    }
  }

  setButtonsDisabled(disabled) {
    for (const button of this.dialog.querySelectorAll(".task-buttons button")) button.disabled = disabled;
  }

  showRunning(state) {
    const progress = state.progress || { label: "Working…", done: 0, total: 0, note: "" };
    const bar = el("progress", { className: "task-progress", attrs: { "aria-label": progress.label || "Progress" } });
    if (progress.total > 0) {
      bar.max = progress.total;
      bar.value = Math.min(progress.done, progress.total);
    }
    const cancel = this.button("Cancel", "task-cancel", () => this.cancel(), { disabled: this.cancelling });
    const focused = document.activeElement && document.activeElement.classList.contains("task-cancel");
    this.frame(state.title, "Running", [
      el("p", { className: "progress-label" }, this.cancelling ? "Cancelling…" : progress.label || "Working…"),
      bar,
      el("p", { className: "progress-count", attrs: { "aria-live": "polite" } },
        progress.total > 0 ? `${progress.done} of ${progress.total}` : ""),
      progress.note ? el("p", { className: "progress-note" }, progress.note) : null,
    ], [cancel]);
    if (focused || !this.dialog.contains(document.activeElement)) cancel.focus();
    this.follow(state.id);
  }

  /** Follows a running task: one event stream, or polling once a second if the stream fails. */
  follow(id) {
    if (this.events || this.poll) return;
    this.events = new EventSource(api.taskEventsUrl(id));
    this.events.onmessage = (message) => {
      try {
        this.show(JSON.parse(message.data));
      } catch (error) {
        this.showFailure(this.state.title, error);
      }
    };
    this.events.onerror = () => {
      this.stopEvents();
      if (this.state && this.state.state === "running") this.pollEverySecond(id);
    };
  }

  pollEverySecond(id) {
    this.poll = setInterval(async () => {
      try {
        const state = await api.task(id);
        this.show(state);
        if (state.state !== "running") this.stop();
      } catch (error) {
        this.stop();
        this.showFailure(this.state.title, error);
      }
    }, 1000);
  }

  stopEvents() {
    if (this.events) this.events.close();
    this.events = null;
  }

  stop() {
    this.stopEvents();
    clearInterval(this.poll);
    this.poll = 0;
  }

  showDone(state) {
    this.stop();
    const outcome = state.outcome || { end: "completed" };
    const summary = outcome.summary || null;
    const ending = endings[outcome.end] || outcome.end;
    const body = [
      el("p", { className: `task-outcome outcome-${outcome.end}`, attrs: { role: "status" } }, `${state.title} ${ending}.`),
      outcome.error ? errorBox({ message: outcome.error.message }) : null,
      summary ? renderSummary(summary) : null,
    ];
    const close = this.button("Close", "primary task-close", () => this.close());
    this.frame(summary && summary.title ? summary.title : state.title, "", body, [close]);
    close.focus();
  }

  async cancel() {
    if (!this.state || this.state.state === "done") {
      this.close();
      return;
    }
    if (this.state.state === "page" || this.state.state === "sheet") {
      await this.step("cancel");
      return;
    }
    try {
      await api.cancelTask(this.state.id);
      this.cancelling = true;
      if (this.state.state === "running") this.showRunning(this.state);
    } catch (error) {
      this.showFailure(this.state.title, error);
    }
  }

  /** Escape: Cancel on a page or while running; Close when the task has ended. */
  escape() {
    if (this.busy) return;
    if (!this.state || this.state.state === "done") this.close();
    else this.cancel();
  }

  /** Closes the dialog; `notify`: tell the console a task may have changed things. */
  close(notify = true) {
    this.stop();
    this.stopLive();
    const hadTask = this.state !== null;
    this.state = null;
    this.inputs = [];
    if (this.dialog.open) this.dialog.close();
    replaceChildren(this.dialog);
    if (hadTask && notify) this.onClosed();
  }
}

/** A summary: its lines (label, value and the details under them) and its table. */
export function renderSummary(summary) {
  const list = el("dl", { className: "summary-items" });
  for (const item of summary.items || []) {
    list.append(el("div", { className: "summary-item", attrs: { "data-key": item.key } },
      el("dt", {}, item.label),
      el("dd", {}, item.value,
        (item.details || []).length ? el("ul", { className: "summary-details" }, item.details.map((d) => el("li", {}, d))) : null)));
  }
  const table = summary.table || null;
  return el("div", { className: "summary" }, list, table ? el("section", { className: "summary-table" },
    el("h3", {}, table.title),
    el("div", { className: "table-scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, table.columns.map((c) => el("th", { scope: "col" }, c.label)))),
      el("tbody", {}, table.rows.map((row) => el("tr", {}, row.map((cell) => el("td", {}, cell))))))))
    : null);
}
