// The selected node: its name, help and warnings, its actions grouped by menu slot (All Tasks,
// ...) with its property tabs under Properties, and its details tables.
import * as api from "./api.js";
import { DetailsPane } from "./details.js";
import { el, errorBox, replaceChildren } from "./dom.js";

export class NodeView {
  /** `onAction(path, action, rows, table)` starts a task. */
  constructor(container, onAction) {
    this.container = container;
    this.onAction = onAction;
    this.path = null;
    this.actions = [];
    this.selection = { table: "", rows: [] };
    this.actionBar = el("div", { className: "actions" });
    this.detailsElement = el("div", { className: "details" });
    this.details = new DetailsPane(this.detailsElement, (selection) => {
      this.selection = selection;
      this.renderActions();
    });
  }

  async show(path) {
    this.path = path;
    replaceChildren(this.container, el("p", { className: "loading" }, "Loading…"));
    let node;
    try {
      node = await api.node(path);
    } catch (error) {
      if (this.path === path) replaceChildren(this.container, errorBox(error));
      return;
    }
    if (this.path !== path) return;
    this.actions = node.actions || [];
    replaceChildren(this.container,
      el("h2", { className: "node-name", tabIndex: -1 }, node.name || "Console Root"),
      node.help ? el("p", { className: "node-help" }, node.help) : null,
      (node.warnings || []).length ? el("ul", { className: "warnings", attrs: { role: "status" } },
        node.warnings.map((w) => el("li", {}, w))) : null,
      this.actionBar,
      this.detailsElement);
    this.renderActions();
    this.details.load(path);
  }

  renderActions() {
    const slots = new Map();
    for (const action of this.actions) {
      const slot = action.kind === "properties" ? "Properties" : action.slot || "All Tasks";
      if (!slots.has(slot)) slots.set(slot, []);
      slots.get(slot).push(action);
    }
    const rows = this.selection.rows;
    replaceChildren(this.actionBar, Array.from(slots, ([slot, actions]) =>
      el("div", { className: "action-group", attrs: { role: "group", "aria-label": slot } },
        el("h3", {}, slot),
        el("div", { className: "action-buttons" }, actions.map((action) => {
          const withRows = action.takes_rows && rows.length > 0;
          return el("button", {
            type: "button", className: "action", title: action.help || "",
            attrs: { "data-action": action.id },
            on: { click: () => this.onAction(this.path, action, withRows ? rows : [], withRows ? this.selection.table : "") },
          }, action.label, withRows ? ` (${rows.length} selected)` : "");
        })))));
  }

  /** After a task: the node's warnings and details may have changed. */
  refresh() {
    if (this.path !== null) this.show(this.path);
  }
}
