// The file picker of a path field. The server lists one directory at a time (names, and whether
// each is a directory or a regular file), or the plugin's suggestions when it gave some
// (docs/web-api.md, GET /api/tasks/{id}/paths). A directory opens, a file or a suggestion fills
// the field; Up goes to the parent. Up/Down move through the list, Escape closes the picker only.
import { el, errorBox, replaceChildren } from "./dom.js";

/** The directory part of a typed path ("" when it names none): where the picker starts. */
function directoryOf(typed) {
  const slash = typed.lastIndexOf("/");
  return slash < 0 ? "" : typed.slice(0, slash + 1);
}

export class PathPicker {
  /**
   * `input`: the field's text input; `list(dir)`: the server's listing; `suggested()`: whether the
   * plugin gave suggestions (then the picker lists those, not directories).
   */
  constructor(field, input, list, suggested) {
    this.input = input;
    this.list = list;
    this.suggested = suggested;
    this.parent = null;
    this.up = el("button", { type: "button", className: "picker-up", on: { click: () => this.load(this.parent) } }, "Up");
    this.where = el("span", { className: "picker-dir" });
    this.entries = el("ul", { className: "picker-entries" });
    this.note = el("div", { className: "picker-note", attrs: { "aria-live": "polite" } });
    this.element = el("div", {
      className: "path-picker", hidden: true,
      attrs: { role: "group", "aria-label": `Choose a file for ${field.label}` },
      on: { keydown: (event) => this.key(event) },
    },
    el("div", { className: "picker-tools" }, this.up, this.where,
      el("button", { type: "button", className: "picker-close", on: { click: () => this.close() } }, "Close")),
    this.entries, this.note);
    this.button = el("button", {
      type: "button", className: "path-browse",
      attrs: { "aria-expanded": "false", "aria-label": `Browse for ${field.label}` },
      on: { click: () => (this.element.hidden ? this.open() : this.close()) },
    }, "Browse…");
  }

  async open() {
    this.element.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    const start = this.suggested() ? "" : directoryOf(this.input.value);
    // A typed directory that cannot be listed: the console's working directory instead.
    if (!(await this.load(start, start !== "")) && start !== "") await this.load("");
  }

  close() {
    this.element.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    this.input.focus();
  }

  /** Lists `dir`; false when the server refused (shown unless `quiet`). */
  async load(dir, quiet = false) {
    let listing;
    try {
      listing = await this.list(dir || "");
    } catch (error) {
      if (!quiet) replaceChildren(this.note, errorBox(error));
      return false;
    }
    this.parent = listing.parent;
    this.up.disabled = !listing.parent;
    this.where.textContent = listing.dir === null ? "The plugin's suggestions" : listing.dir;
    replaceChildren(this.entries, listing.entries.map((entry) => el("li", {},
      el("button", {
        type: "button", className: "picker-entry",
        attrs: { "data-kind": entry.kind, "data-name": entry.name },
        on: { click: () => this.choose(entry) },
      }, entry.kind === "directory" ? `${entry.name}/` : entry.name))));
    replaceChildren(this.note,
      listing.entries.length ? null : el("p", {}, "Nothing to choose here."),
      listing.cut ? el("p", {}, `Only the first ${listing.entries.length} entries are listed; type the path for another.`) : null);
    const first = this.entries.querySelector("button");
    (first || (listing.parent ? this.up : this.element.querySelector(".picker-close"))).focus();
    return true;
  }

  choose(entry) {
    if (entry.kind === "directory") {
      this.load(entry.path);
      return;
    }
    this.input.value = entry.path;
    this.input.dispatchEvent(new Event("input", { bubbles: true }));  // a live page sees it as typed
    this.close();
  }

  key(event) {
    if (event.key === "Escape") {
      event.preventDefault();  // closes the picker, not the wizard
      event.stopPropagation();
      this.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...this.entries.querySelectorAll("button")];
    if (!buttons.length) return;
    event.preventDefault();
    const at = buttons.indexOf(document.activeElement);
    const next = event.key === "ArrowDown" ? Math.min(at + 1, buttons.length - 1) : Math.max(at - 1, 0);
    buttons[next].focus();
  }
}
